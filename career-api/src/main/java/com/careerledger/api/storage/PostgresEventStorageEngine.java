package com.careerledger.api.storage;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Axon's JDBC storage engine, with payloads and metadata stored as {@code jsonb}: the events are readable and
 * queryable JSON in the database. Axon binds them as text and PostgreSQL casts them on insert; on read the
 * driver returns jsonb as text, which the Jackson serializer takes as it is.
 * <p>
 * Processors read only events whose writing transaction is older than the oldest transaction still running
 * ({@link #COMMITTED_BEFORE_OLDEST_RUNNING}, V25): a slow writer holding a low global index holds readers back
 * until it commits, rather than leaving a gap that Axon stops tracking after its gap timeout, which would lose its
 * event for every read model.
 */
public class PostgresEventStorageEngine extends JdbcEventStorageEngine {

    /** Rows written by transactions that ended before every transaction still running began (or before V25). */
    static final String COMMITTED_BEFORE_OLDEST_RUNNING =
            "(tx_id IS NULL OR tx_id < pg_snapshot_xmin(pg_current_snapshot()))";

    public PostgresEventStorageEngine(Builder builder) {
        super(builder.dataType(String.class)
                .readEventDataWithoutGaps((connection, schema, globalIndex, batchSize) -> {
                    PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                            + " FROM " + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ? AND "
                            + schema.globalIndexColumn() + " <= ? AND " + COMMITTED_BEFORE_OLDEST_RUNNING
                            + " ORDER BY " + schema.globalIndexColumn() + " ASC");
                    statement.setLong(1, globalIndex);
                    statement.setLong(2, globalIndex + batchSize);
                    return statement;
                })
                .readEventDataWithGaps((connection, schema, globalIndex, batchSize, gaps) -> {
                    PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                            + " FROM " + schema.domainEventTable() + " WHERE ((" + schema.globalIndexColumn() + " > ? AND "
                            + schema.globalIndexColumn() + " <= ?) OR " + schema.globalIndexColumn() + " IN ("
                            + String.join(",", java.util.Collections.nCopies(gaps.size(), "?")) + ")) AND "
                            + COMMITTED_BEFORE_OLDEST_RUNNING + " ORDER BY " + schema.globalIndexColumn() + " ASC");
                    statement.setLong(1, globalIndex);
                    statement.setLong(2, globalIndex + batchSize);
                    for (int i = 0; i < gaps.size(); i++) {
                        statement.setLong(i + 3, gaps.get(i));
                    }
                    return statement;
                })
                .appendEvents((connection, schema, dataType, events, serializer, timestampWriter) -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ")"
                                    + " VALUES (?,?,?,?,?,?,?,CAST(? AS jsonb),CAST(? AS jsonb))");
                    for (EventMessage<?> message : events) {
                        DomainEventMessage<?> event = (DomainEventMessage<?>) message;
                        bind(statement, schema, event, event.serializePayload(serializer, String.class),
                                event.serializeMetaData(serializer, String.class), timestampWriter);
                        statement.addBatch();
                    }
                    return statement;
                })
                .appendSnapshot((connection, schema, dataType, snapshot, serializer, timestampWriter) -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "INSERT INTO " + schema.snapshotTable() + " (" + schema.domainEventFields() + ")"
                                    + " VALUES (?,?,?,?,?,?,?,CAST(? AS jsonb),CAST(? AS jsonb))");
                    bind(statement, schema, snapshot, snapshot.serializePayload(serializer, String.class),
                            snapshot.serializeMetaData(serializer, String.class), timestampWriter);
                    return statement;
                }));
    }

    private static void bind(PreparedStatement statement, EventSchema schema, DomainEventMessage<?> event,
                             SerializedObject<String> payload, SerializedObject<String> metaData,
                             org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter timestampWriter)
            throws SQLException {
        statement.setString(1, event.getIdentifier());
        statement.setString(2, event.getAggregateIdentifier());
        statement.setLong(3, event.getSequenceNumber());
        statement.setString(4, event.getType());
        timestampWriter.writeTimestamp(statement, 5, event.getTimestamp());
        statement.setString(6, payload.getType().getName());
        statement.setString(7, payload.getType().getRevision());
        statement.setString(8, payload.getData());
        statement.setString(9, metaData.getData());
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T readPayload(ResultSet resultSet, String columnName) throws SQLException {
        return (T) resultSet.getString(columnName);
    }
}
