package com.careerledger.api.deadletters;

import com.careerledger.api.security.CurrentActor;
import com.careerledger.domain.EventCatalogue;
import com.careerledger.domain.operations.DeadLetterEvicted;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.ReadModelGroups;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator sees of the read models' dead letters and does with them: list them, retry a person's parked
 * events (or everyone's), evict one with a reason — recorded as a {@link DeadLetterEvicted} event. Reads go to
 * {@code dead_letter_entry} directly (one query for a page, across read models); retries and evictions go through
 * Axon's queue and dead-letter processor.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** A failure as the queue recorded it. */
    public record Cause(String type, String message) {
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
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeadLetterView(String id, String readModel, String person, long index, String state,
                                 String eventId, String eventType, String payloadType, String aggregateId,
                                 Long sequenceNumber, Long globalIndex, Instant eventTimestamp, Cause cause,
                                 long attempts, Instant firstFailure, Instant lastFailure, Instant parkedAt,
                                 Instant retryingSince) {
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

    private static final String COLUMNS = "d.dead_letter_id, d.processing_group, d.sequence_identifier, d.sequence_index, "
            + "d.event_identifier, d.payload_type, d.aggregate_identifier, d.sequence_number, d.time_stamp, "
            + "d.enqueued_at, d.last_touched, d.processing_started, d.cause_type, d.cause_message, d.diagnostics, "
            + "e.global_index";

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final CurrentActor actor;
    private final TransactionTemplate transaction;
    private final ObjectMapper json = new ObjectMapper();

    public DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing, EventStore eventStore,
                       CurrentActor actor, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.eventStore = eventStore;
        this.actor = actor;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A page of the dead letters, oldest first; {@code person} and {@code readModel} narrow it down. */
    public Page<DeadLetterView> list(String person, String readModel, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (person != null && !person.isBlank()) {
            where.append(" AND d.sequence_identifier = ?");
            args.add(person);
        }
        if (readModel != null && !readModel.isBlank()) {
            where.append(" AND d.processing_group = ?");
            args.add(readModel);
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry d" + where, Long.class, args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add(size);
        paged.add((long) page * size);
        List<DeadLetterView> items = jdbc.query("SELECT " + COLUMNS + " FROM dead_letter_entry d "
                        + "LEFT JOIN domain_event_entry e ON e.event_identifier = d.event_identifier" + where
                        + " ORDER BY d.enqueued_at, d.processing_group, d.sequence_identifier, d.sequence_index "
                        + "LIMIT ? OFFSET ?",
                (rs, i) -> view(rs), paged.toArray());
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    /** How many events are parked, per read model (every read model named, with 0 for none). */
    public Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        ReadModelGroups.GROUPS.forEach(g -> sizes.put(g, 0L));
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
                rs -> {
                    sizes.put(rs.getString(1), rs.getLong(2));
                });
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
        List<String[]> sequences = jdbc.query("SELECT DISTINCT processing_group, sequence_identifier FROM dead_letter_entry "
                        + "ORDER BY processing_group, sequence_identifier",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2)});
        int drained = 0;
        for (String[] sequence : sequences) {
            if (retrySequence(sequence[0], sequence[1])) {
                drained++;
            }
        }
        Long remaining = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry", Long.class);
        return new RetryResult(sequences.size(), drained, remaining == null ? 0 : remaining);
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
        List<DeadLetterView> found = jdbc.query("SELECT " + COLUMNS + " FROM dead_letter_entry d "
                + "LEFT JOIN domain_event_entry e ON e.event_identifier = d.event_identifier WHERE d.dead_letter_id = ?",
                (rs, i) -> view(rs), id);
        if (found.isEmpty()) {
            throw new NotFoundException("no dead letter " + id);
        }
        return found.get(0);
    }

    private long sequenceSize(String readModel, String sequence) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ? "
                + "AND sequence_identifier = ?", Long.class, readModel, sequence);
        return n == null ? 0 : n;
    }

    private DeadLetterView view(ResultSet rs) throws SQLException {
        JsonNode diagnostics = diagnostics(rs.getBytes("diagnostics"));
        String causeType = rs.getString("cause_type");
        Cause cause = causeType == null ? null : new Cause(causeType, rs.getString("cause_message"));
        long attempts = diagnostics.path(ReadModelEnqueuePolicy.ATTEMPTS).asLong(0);
        Instant lastTouched = instant(rs.getString("last_touched"));
        Instant firstFailure = instant(diagnostics.path(ReadModelEnqueuePolicy.FIRST_FAILURE).asText(null));
        String eventType = EventCatalogue.nameOfStored(rs.getString("payload_type"));
        long globalIndex = rs.getLong("global_index");
        Long global = rs.wasNull() ? null : globalIndex;
        long sequenceNumber = rs.getLong("sequence_number");
        Long seq = rs.wasNull() ? null : sequenceNumber;
        return new DeadLetterView(rs.getString("dead_letter_id"), rs.getString("processing_group"),
                rs.getString("sequence_identifier"), rs.getLong("sequence_index"), cause == null ? "WAITING" : "FAILED",
                rs.getString("event_identifier"), eventType, eventType,
                rs.getString("aggregate_identifier"), seq, global, instant(rs.getString("time_stamp")), cause,
                attempts, cause == null ? null : firstFailure, cause == null ? null : lastTouched,
                instant(rs.getString("enqueued_at")), instant(rs.getString("processing_started")));
    }

    private JsonNode diagnostics(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
