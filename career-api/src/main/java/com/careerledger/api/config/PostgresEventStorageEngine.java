package com.careerledger.api.config;

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
 */
public class PostgresEventStorageEngine extends JdbcEventStorageEngine {

    public PostgresEventStorageEngine(Builder builder) {
        super(builder.dataType(String.class)
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
