package com.careerledger.projections.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Facts about the event store that read models compare themselves with. */
@Component
public class EventStreams {

    private final JdbcTemplate jdbc;

    public EventStreams(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The sequence number of the aggregate's latest event, or -1 if it has none. */
    public long lastSequence(String aggregateId) {
        Long seq = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateId);
        return seq == null ? -1 : seq;
    }

    /** The global index of the newest stored event, 0 if there is none: where a rebuild must get to. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }
}
