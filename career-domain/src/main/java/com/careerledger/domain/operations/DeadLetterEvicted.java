package com.careerledger.domain.operations;

import org.axonframework.serialization.Revision;

/**
 * An operator removed an event from a read model's dead-letter queue without handling it: that read model will
 * never see the event (until it is rebuilt). Stored under the stream id {@link #streamId} — for a person, inside
 * their career's streams, so their raw event stream shows it. The operator is the event's {@code actor} metadata.
 *
 * @param readModel         the read model (processing group) the event was parked for
 * @param sequence          whose events were parked behind it: the person's id for a person's events
 * @param deadLetterId      the dead letter removed
 * @param evictedEventId    the identifier of the stored event that was skipped
 * @param evictedEventType  its stable type name from the event catalogue ({@code EvidenceLogged}); revision 1 held
 *                          the Java class name it was stored under, which the upcaster maps to the catalogue's name
 * @param evictedAggregateId the stream it belongs to
 * @param evictedSequenceNumber its place in that stream
 * @param cause             why handling it had failed, as the queue recorded it (null for an event parked
 *                          behind another one)
 * @param reason            why the operator removed it
 */
@Revision("2")
public record DeadLetterEvicted(String readModel, String sequence, String deadLetterId, String evictedEventId,
                                String evictedEventType, String evictedAggregateId, Long evictedSequenceNumber,
                                String cause, String reason) {

    /** The aggregate type the event is stored with. */
    public static final String STREAM_TYPE = "DeadLetter";

    /** The stream of the eviction of one dead letter: one event, at sequence number 0. */
    public static String streamId(String sequence, String deadLetterId) {
        return sequence + "/dead-letters/" + deadLetterId;
    }
}
