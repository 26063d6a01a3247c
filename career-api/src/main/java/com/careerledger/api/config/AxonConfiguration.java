package com.careerledger.api.config;

import com.careerledger.api.storage.ReadModelTransactionManager;

import com.careerledger.api.storage.PostgresEventStorageEngine;

import com.careerledger.domain.person.Person;
import com.careerledger.domain.person.QuarterRegistry;
import com.careerledger.domain.policy.AssessmentOutcomePolicy;
import com.careerledger.domain.quarter.Quarter;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.projections.lookup.PersonLookupProjection;
import com.careerledger.projections.support.DomainValuesModule;
import com.careerledger.projections.support.PersonSequencingPolicy;
import com.careerledger.projections.ReadModelGroups;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

/**
 * How Axon is put together here: Jackson for every serializer, the JDBC event store on PostgreSQL with jsonb
 * payloads (see docs/decisions/0002), tokens in the same database, aggregates registered explicitly (the domain
 * carries no Spring annotations), and tracking processors with batches for every projection except the
 * write-side lookup and the assessment relay, which run in the command's own transaction.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** The processing group (and subscribing processor) of the {@link AssessmentOutcomePolicy}. */
    public static final String ASSESSMENT_RELAY = "assessment-relay";

    /** Tunables of the event processors; see application.yml. */
    @ConfigurationProperties("career.processing")
    public record ProcessingProperties(Integer batchSize, Integer segments, Integer threads, Duration tokenClaimTimeout,
                                       Integer readBatchSize, Duration gapTimeout) {
        public ProcessingProperties {
            gapTimeout = gapTimeout == null ? Duration.ofSeconds(60) : gapTimeout;
            batchSize = batchSize == null ? 1000 : batchSize;
            readBatchSize = readBatchSize == null ? 1000 : readBatchSize;
            segments = segments == null ? 1 : segments;
            // a tracking processor needs a thread per segment it is to process: never fewer threads than segments
            threads = Math.max(threads == null ? 2 : threads, segments);
            tokenClaimTimeout = tokenClaimTimeout == null ? Duration.ofSeconds(10) : tokenClaimTimeout;
        }
    }

    static ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                // level codes and quarters as the text the stored payloads have always held
                .registerModule(new DomainValuesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // old events must keep reading when a later revision adds a field the old class lacks
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(axonObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(axonObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(axonObjectMapper()).build();
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 ProcessingProperties processing,
                                                 org.axonframework.config.Configuration configuration) {
        return new PostgresEventStorageEngine(JdbcEventStorageEngine.builder()
                // events per query when a processor reads the stream (Axon's default, 100, makes a replay of a
                // million events ten thousand queries)
                .batchSize(processing.readBatchSize())
                // how long a missing global index is waited for; a writer still running holds readers back anyway
                // (PostgresEventStorageEngine), so a gap that outlives this is in practice a rolled-back insert
                .gapTimeout((int) processing.gapTimeout().toMillis())
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema));
    }

    /**
     * Duplicate keys on the event table are concurrency conflicts: PostgreSQL reports a unique violation as SQLSTATE
     * 23505 on a plain {@code PSQLException}, which Axon's default resolver for JDBC (it looks for
     * {@code SQLIntegrityConstraintViolationException}) does not recognise, so a lost race became an
     * {@code EventStoreException} (a 500) instead of a {@code ConcurrencyException}.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Tokens in PostgreSQL, claimed per segment: whichever instance holds a segment's claim processes it, the others
     * wait, so each read model is built once however many instances run. Claims are held by node id, and two
     * instances must never share one: Axon's default ({@code pid@hostname}) is the same for two containers started
     * alike on one host network, so a random part is added.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 ProcessingProperties processing) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .nodeId(nodeId())
                .claimTimeout(processing.tokenClaimTimeout())
                .schema(TokenSchema.builder()
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build())
                .build();
    }

    /** Who acted travels from each command to the events it causes; correlation ids come along too. */
    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(MetaDataKeys.ACTOR);
    }

    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /** Hot aggregates stay in memory; see LruAggregateCache for why not Axon's weak-reference cache. */
    @Bean
    public Cache aggregateCache(@org.springframework.beans.factory.annotation.Value("${career.aggregate-cache.max-entries:20000}") int maxEntries) {
        return new LruAggregateCache(maxEntries);
    }

    /**
     * Both aggregates take the version a command expects from its metadata (a request's If-Match), so a write
     * made against an older version is refused instead of applied over changes its sender has not seen.
     */
    @Bean
    public ConfigurerModule aggregates(Cache aggregateCache) {
        CommandTargetResolver targets = new ExpectedVersionTargetResolver();
        return configurer -> configurer
                .configureAggregate(cachedAggregate(Person.class, aggregateCache, targets))
                .configureAggregate(cachedAggregate(Quarter.class, aggregateCache, targets));
    }

    /** An event-sourced aggregate whose cached copies are checked against the store (several instances may write). */
    private static <A> AggregateConfigurer<A> cachedAggregate(Class<A> type, Cache cache, CommandTargetResolver targets) {
        AggregateConfigurer<A> aggregate = AggregateConfigurer.defaultConfiguration(type);
        return aggregate
                .configureCache(c -> cache)
                .configureCommandTargetResolver(c -> targets)
                .configureRepository(c -> ConsistentCachingRepository.of(type, c, cache, aggregate.aggregateFactory()));
    }

    /** Retries of commands that lost a race to another writer; see {@link CommandRetry}. */
    @ConfigurationProperties("career.commands")
    public record CommandProperties(Integer conflictRetries, Duration retryBackoff, Integer retryThreads) {
        public CommandProperties {
            conflictRetries = conflictRetries == null ? 4 : conflictRetries;
            retryBackoff = retryBackoff == null ? Duration.ofMillis(20) : retryBackoff;
            retryThreads = retryThreads == null ? 4 : retryThreads;
            if (conflictRetries < 1) {
                throw new IllegalArgumentException("career.commands.conflict-retries must be at least 1");
            }
        }
    }

    /**
     * The transactions of commands (and of everything else that asks Axon for one by type): durable, committed as
     * the server commits. Without this bean Axon's auto-configuration would take the only {@link TransactionManager}
     * there is, {@link ReadModelTransactionManager}, and every command would commit with
     * {@code synchronous_commit = off}: acknowledged, and lost in a crash. The read models' processors name theirs
     * explicitly ({@link #eventProcessing}).
     */
    @Bean
    @Primary
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    @Bean
    public CommandRetry commandRetry(CommandProperties commands) {
        return new CommandRetry(commands.conflictRetries(), commands.retryBackoff(), commands.retryThreads());
    }

    /**
     * The domain's policy that carries a quarter's assessment, reopening or move to the Person's record and back. It
     * sends its commands through the gateway without retries: they run inside the unit of work of the command that
     * caused them, whose own retry covers them.
     */
    @Bean
    public AssessmentOutcomePolicy assessmentOutcomePolicy(CommandGateway commandGateway, QuarterRegistry quarters) {
        return new AssessmentOutcomePolicy(commandGateway, quarters);
    }

    /**
     * The gateway of everything else (the assessment relay's commands, sent inside the unit of work of the command
     * that caused them, among them): no retries of its own.
     */
    @Bean
    @Primary
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    /**
     * The gateway requests send their commands through: a command that loses the race for its aggregate's next
     * sequence number is retried (bounded, with back-off) on fresh state.
     */
    @Bean
    public CommandGateway requestCommandGateway(CommandBus commandBus, CommandRetry commandRetry) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(commandRetry).build();
    }

    /** This process among the instances claiming tokens: host and process, and a random part no other one shares. */
    static String nodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A stale If-Match is refused before the command's handler runs: see {@link VersionCheckFirst}. */
    @Bean
    public VersionCheckFirst versionCheckFirst() {
        return new VersionCheckFirst();
    }

    @Bean
    public ConfigurerModule eventProcessing(ProcessingProperties processing, ReadModelTransactionManager transactions) {
        return configurer -> configurer.eventProcessing()
                // read models commit without waiting for the WAL flush; commands stay durable (see the class)
                .registerDefaultTransactionManager(c -> transactions)
                // Tracking, not pooled: with the embedded event store a pooled processor polls every 500 ms
                // (its stream has no availability callback), a tracking one wakes on commit (ADR 0005).
                .usingTrackingEventProcessors()
                // one processor for every read model: one reading of the stream, one transaction per batch (ADR 0006)
                .assignProcessingGroup(ReadModelGroups::processorOf)
                .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(processing.threads())
                        .andInitialSegmentsCount(processing.segments())
                        .andBatchSize(processing.batchSize()))
                // every event of a person and of their quarters is handled in order, by one segment
                .registerDefaultSequencingPolicy(c -> new PersonSequencingPolicy())
                // nothing is skipped silently: a failing handler stops its segment and is retried
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                // these two run inside the command's transaction: see their Javadoc
                .registerSubscribingEventProcessor(PersonLookupProjection.PROCESSING_GROUP)
                .assignHandlerTypesMatching(ASSESSMENT_RELAY, AssessmentOutcomePolicy.class::equals)
                .registerSubscribingEventProcessor(ASSESSMENT_RELAY)
                .registerListenerInvocationErrorHandler(PersonLookupProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(ASSESSMENT_RELAY,
                        c -> PropagatingErrorHandler.instance());
    }
}
