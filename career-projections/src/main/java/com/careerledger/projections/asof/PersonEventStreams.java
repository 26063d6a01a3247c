package com.careerledger.projections.asof;

import com.careerledger.domain.EventCatalogue;
import com.careerledger.domain.quarter.QuarterId;
import com.fasterxml.jackson.databind.JsonNode;
import com.careerledger.projections.support.ReadModelJson;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events of one person's career, straight from the event store: the Person stream and every stream of
 * their quarters (ids {@code personId/YYYY-Qn}), in the order they were stored. Snapshots are deliberately not
 * used: history needs every event. Payloads go through the same upcasters as any replay.
 */
@Component
public class PersonEventStreams {

    /**
     * An event as stored, for audit: payload and metadata exactly as written (the revision says which shape).
     *
     * @param type        the event's stable name from the event catalogue ({@link EventCatalogue}), e.g.
     *                    {@code EvidenceLogged}: part of the API contract, never a Java class name. A stored type the
     *                    catalogue does not know is shown as stored.
     * @param payloadType the same as {@code type}; kept for clients of earlier versions, where it was the Java class
     *                    name Axon stores
     */
    public record StoredEvent(long globalIndex, String eventId, String aggregateType, String aggregateId, long sequence,
                              String type, String payloadType, String revision, Instant timestamp, JsonNode payload,
                              JsonNode metadata) {
    }

    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "time_stamp, payload_type, payload_revision, payload::text AS payload, meta_data::text AS meta_data";
    private static final String OF_PERSON = " FROM domain_event_entry WHERE aggregate_identifier = ? OR aggregate_identifier LIKE ?";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public PersonEventStreams(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                              org.axonframework.config.Configuration axon) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = axon.upcasterChain();
    }

    /** Every event of the person's career, deserialized and upcast, oldest first. */
    public List<? extends DomainEventMessage<?>> events(UUID personId) {
        List<DomainEventData<?>> rows = jdbc.query("SELECT " + COLUMNS + OF_PERSON + " ORDER BY global_index",
                (rs, i) -> new GenericDomainEventEntry<>(rs.getString("type"), rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"), rs.getString("event_identifier"), rs.getString("time_stamp"),
                        rs.getString("payload_type"), rs.getString("payload_revision"), rs.getString("payload"),
                        rs.getString("meta_data")),
                personId.toString(), QuarterId.quartersOf(personId));
        return EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream(), serializer, upcasters).asStream().toList();
    }

    public long count(UUID personId) {
        Long n = jdbc.queryForObject("SELECT count(*)" + OF_PERSON, Long.class, personId.toString(), QuarterId.quartersOf(personId));
        return n == null ? 0 : n;
    }

    /** One page of the raw stream, oldest first. */
    public List<StoredEvent> stored(UUID personId, int page, int size) {
        return jdbc.query("SELECT " + COLUMNS + OF_PERSON + " ORDER BY global_index LIMIT ? OFFSET ?",
                (rs, i) -> {
                    String type = EventCatalogue.nameOfStored(rs.getString("payload_type"));
                    return new StoredEvent(rs.getLong("global_index"), rs.getString("event_identifier"),
                            rs.getString("type"), rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                            type, type, rs.getString("payload_revision"), Instant.parse(rs.getString("time_stamp")),
                            tree(rs.getString("payload")), tree(rs.getString("meta_data")));
                },
                personId.toString(), QuarterId.quartersOf(personId), size, (long) page * size);
    }

    private static JsonNode tree(String text) {
        return text == null ? null : ReadModelJson.tree(text);
    }
}
