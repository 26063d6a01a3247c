package com.careerledger.api.deadletters;

import org.springframework.lang.Nullable;
import com.careerledger.api.deadletters.storage.ParkedEvents;
import com.careerledger.api.security.CurrentActor;
import com.careerledger.domain.EventCatalogue;
import com.careerledger.domain.operations.DeadLetterEvicted;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.ReadModelGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator sees of the read models' dead letters and does with them: list them, retry a person's parked
 * events (or everyone's), evict one with a reason — recorded as a {@link DeadLetterEvicted} event. Reads go to
 * {@code dead_letter_entry} directly ({@link ParkedEvents}: one query for a page, across read models); retries and evictions go through
 * Axon's queue and dead-letter processor.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** A failure as the queue recorded it. */
    public record Cause(String type, @Nullable String message) {
    }

    /**
     * One parked event.
     *
     * @param state        {@code FAILED}: handling it failed; {@code WAITING}: parked behind an earlier event of the
     *                     same person that failed (their order matters)
     * @param person       the sequence it waits in: the person's id
     * @param index        its place in that sequence
     * @param attempts     how often handling it has failed (0 for one that is waiting)
     * @param firstFailure when handling it failed first; {@code lastFailure}, last
     * @param parkedAt     when it was put in the queue
     * @param retryingSince set while a retry holds it
     * @param eventType    the parked event's stable name from the event catalogue ({@link EventCatalogue}), never a
     *                     Java class name (a stored type the catalogue does not know is shown as stored);
     *                     {@code payloadType} is the same, kept for clients of earlier versions
     */
    public record DeadLetterView(String id, String readModel, String person, long index, String state,
                                 String eventId, String eventType, String payloadType, @Nullable String aggregateId,
                                 @Nullable Long sequenceNumber, @Nullable Long globalIndex,
                                 @Nullable Instant eventTimestamp, @Nullable Cause cause, long attempts,
                                 @Nullable Instant firstFailure, @Nullable Instant lastFailure,
                                 @Nullable Instant parkedAt, @Nullable Instant retryingSince) {
    }

    /**
     * What a retry did.
     *
     * @param sequences how many people's parked events it tried (per read model)
     * @param drained   how many of those it handled to the end
     * @param remaining dead letters left in those sequences afterwards (in the whole queue, for a retry of all)
     */
    public record RetryResult(int sequences, int drained, long remaining) {
    }

    /** An eviction, as recorded: {@code eventId} is the {@link DeadLetterEvicted} event's id. */
    public record Eviction(String deadLetterId, String readModel, String person, String evictedEventId,
                           String evictedEventType, String reason, String actor, String eventId, Instant evictedAt) {
    }


    private final ParkedEvents parked;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final CurrentActor actor;
    private final TransactionTemplate transaction;

    public DeadLetters(ParkedEvents parked, EventProcessingConfiguration processing, EventStore eventStore,
                       CurrentActor actor, PlatformTransactionManager transactions) {
        this.parked = parked;
        this.processing = processing;
        this.eventStore = eventStore;
        this.actor = actor;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A page of the dead letters, oldest first; {@code person} and {@code readModel} narrow it down. */
    public Page<DeadLetterView> list(String person, String readModel, int page, int size) {
        return parked.page(person, readModel, page, size);
    }

    /** How many events are parked, per read model (every read model named, with 0 for none). */
    public Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        ReadModelGroups.GROUPS.forEach(g -> sizes.put(g, 0L));
        sizes.putAll(parked.sizes());
        return sizes;
    }

    /**
     * Retries the parked events of the dead letter's person for its read model, oldest first, each as the event
     * store holds it now; stops at the first that fails again (it stays parked, with the new cause).
     */
    public RetryResult retry(String id) {
        DeadLetterView letter = find(id);
        boolean drained = retrySequence(letter.readModel(), letter.person());
        return new RetryResult(1, drained ? 1 : 0, sequenceSize(letter.readModel(), letter.person()));
    }

    /** Retries every parked sequence once (one attempt each, so a failing one cannot keep the others waiting). */
    public RetryResult retryAll() {
        List<String[]> sequences = parked.sequences();
        int drained = 0;
        for (String[] sequence : sequences) {
            if (retrySequence(sequence[0], sequence[1])) {
                drained++;
            }
        }
        return new RetryResult(sequences.size(), drained, parked.count());
    }

    private boolean retrySequence(String readModel, String sequence) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(readModel)
                .orElseThrow(() -> new NotFoundException("no dead-letter queue for read model " + readModel));
        boolean drained = processor.process(first -> first instanceof JdbcDeadLetter<?> jdbcLetter
                && sequence.equals(jdbcLetter.getSequenceIdentifier()));
        log.info("Retry of the dead letters of {} in read model {}: {}", sequence, readModel,
                drained ? "all handled" : "stopped at one that failed again (or another retry holds them)");
        return drained;
    }

    /**
     * Removes one dead letter without handling it, and records that as a {@link DeadLetterEvicted} event by the
     * authenticated operator, in the same transaction. The events parked behind it stay parked until retried.
     */
    public Eviction evict(String id, String reason) {
        String operator = actor.id();
        return transaction.execute(status -> {
            DeadLetterView letter = find(id);
            SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(letter.readModel())
                    .orElseThrow(() -> new NotFoundException("no dead letter " + id));
            DeadLetter<? extends EventMessage<?>> found = null;
            for (DeadLetter<? extends EventMessage<?>> l : queue.deadLetterSequence(letter.person())) {
                if (l instanceof JdbcDeadLetter<?> jdbcLetter && id.equals(jdbcLetter.getIdentifier())) {
                    found = l;
                    break;
                }
            }
            if (found == null) {
                throw new NotFoundException("no dead letter " + id);
            }
            queue.evict(found);
            DeadLetterEvicted evicted = new DeadLetterEvicted(letter.readModel(), letter.person(), id, letter.eventId(),
                    letter.eventType(), letter.aggregateId(), letter.sequenceNumber(),
                    letter.cause() == null ? null : letter.cause().type() + ": " + letter.cause().message(), reason);
            GenericDomainEventMessage<DeadLetterEvicted> event = new GenericDomainEventMessage<>(
                    DeadLetterEvicted.STREAM_TYPE, DeadLetterEvicted.streamId(letter.person(), id), 0L, evicted,
                    MetaData.with(MetaDataKeys.ACTOR, operator));
            eventStore.publish(event);
            log.warn("Dead letter {} (event {} of {}) evicted from read model {} by {}: {}", id, letter.eventId(),
                    letter.person(), letter.readModel(), operator, reason);
            return new Eviction(id, letter.readModel(), letter.person(), letter.eventId(), letter.eventType(), reason,
                    operator, event.getIdentifier(), event.getTimestamp());
        });
    }

    private DeadLetterView find(String id) {
        return parked.find(id).orElseThrow(() -> new NotFoundException("no dead letter " + id));
    }

    private long sequenceSize(String readModel, String sequence) {
        return parked.sequenceSize(readModel, sequence);
    }
}
