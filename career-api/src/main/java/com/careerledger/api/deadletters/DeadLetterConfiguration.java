package com.careerledger.api.deadletters;

import com.careerledger.api.storage.ReadModelTransactionManager;
import com.careerledger.projections.ReadModelGroups;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A dead-letter queue for each read model (ADR 0008): Axon's JDBC sequenced queue in {@code dead_letter_entry}
 * (V21), sequenced like the processor, by person. A handler that fails for an event parks that event, and every
 * later event of the same person for the same read model waits behind it, while the other people's events — and the
 * other read models — go on. {@link FailureIsolation} makes sure a failure is pinned on one event,
 * {@link ReadModelEnqueuePolicy} decides what is parked, {@link DeadLetters} is what an operator works with.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    public FailureIsolation failureIsolation(PlatformTransactionManager transactions) {
        return new FailureIsolation(transactions);
    }

    /** The table of V21: Axon's columns, in the snake case of every other table here. */
    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    public ConfigurerModule readModelDeadLetters(DeadLetterSchema schema, ConnectionProvider connections, ReadModelTransactionManager transactionManager,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 ObjectProvider<EventStorageEngine> storage,
                                                 DeadLetterProperties properties) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (String group : ReadModelGroups.GROUPS) {
                processing.registerDeadLetterQueue(group, c -> new ReadModelDeadLetterQueue(group,
                                JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                        .processingGroup(group)
                                        .schema(schema)
                                        .connectionProvider(connections)
                                        // the processor's own kind of transaction: the queue's writes commit
                                        // with the read models' rows and token
                                        .transactionManager(transactionManager)
                                        .genericSerializer(serializer)
                                        // the event store's serializer: a parked event's payload is copied as stored,
                                        // without being read (it may be what cannot be read)
                                        .eventSerializer(eventSerializer)
                                        .maxSequences(properties.maxSequences())
                                        .maxSequenceSize(properties.maxSequenceSize())
                                        .claimDuration(properties.claimDuration())
                                        .build(),
                                storage::getObject))
                        .registerDeadLetterPolicy(group, c -> new ReadModelEnqueuePolicy(group))
                        // no query per event to ask whether its person is parked while the queue has none of them
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                                (c, builder) -> builder.enableSequenceIdentifierCache());
            }
        };
    }
}
