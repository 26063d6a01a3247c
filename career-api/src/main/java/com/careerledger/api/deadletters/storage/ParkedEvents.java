package com.careerledger.api.deadletters.storage;

import com.careerledger.api.deadletters.DeadLetters.Cause;
import com.careerledger.api.deadletters.DeadLetters.DeadLetterView;
import com.careerledger.api.deadletters.ReadModelEnqueuePolicy;
import com.careerledger.domain.EventCatalogue;
import com.careerledger.projections.support.Page;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read models' parked events as Axon's dead-letter queue stores them ({@code dead_letter_entry}), read
 * directly: a page across read models in one query, with each event's place in the event store.
 */
@Repository
public class ParkedEvents {

    private static final String COLUMNS = "d.dead_letter_id, d.processing_group, d.sequence_identifier, d.sequence_index, "
            + "d.event_identifier, d.payload_type, d.aggregate_identifier, d.sequence_number, d.time_stamp, "
            + "d.enqueued_at, d.last_touched, d.processing_started, d.cause_type, d.cause_message, d.diagnostics, "
            + "e.global_index";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ParkedEvents(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A page of the dead letters, oldest first; {@code person} and {@code readModel} narrow it down. */
    public Page<DeadLetterView> page(String person, String readModel, int page, int size) {
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

    /** How many events are parked, per read model that has any. */
    public Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
                rs -> {
                    sizes.put(rs.getString(1), rs.getLong(2));
                });
        return sizes;
    }

    /** Every parked sequence: its read model and its person. */
    public List<String[]> sequences() {
        return jdbc.query("SELECT DISTINCT processing_group, sequence_identifier FROM dead_letter_entry "
                        + "ORDER BY processing_group, sequence_identifier",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2)});
    }

    /** How many events are parked in all. */
    public long count() {
        Long remaining = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry", Long.class);
        return remaining == null ? 0 : remaining;
    }

    public Optional<DeadLetterView> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM dead_letter_entry d "
                + "LEFT JOIN domain_event_entry e ON e.event_identifier = d.event_identifier WHERE d.dead_letter_id = ?",
                (rs, i) -> view(rs), id).stream().findFirst();
    }

    public long sequenceSize(String readModel, String sequence) {
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
