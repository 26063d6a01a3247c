package com.careerledger.api.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.modelling.command.inspection.AggregateMetaModelFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Axon's caching event-sourcing repository, safe when several instances write to one event store: a cached
 * aggregate is used only if no other writer has appended to it since, which one indexed query per command tells
 * ({@code max(sequence_number)} of the aggregate). Otherwise the entry is dropped and the aggregate is loaded from
 * its events. A command is therefore always decided on the stored state, or on a state at most one concurrent
 * append behind, which the sequence-number constraint refuses at commit (and {@link CommandRetry} retries).
 * Without the check, a cached aggregate another instance had moved past would refuse or version-check a command
 * against state that no longer holds.
 */
public final class ConsistentCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private static final Logger log = LoggerFactory.getLogger(ConsistentCachingRepository.class);

    private final Cache cache;
    private final EventStore eventStore;

    private ConsistentCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore) {
        super(builder);
        this.cache = cache;
        this.eventStore = eventStore;
    }

    /**
     * The repository Axon's {@code AggregateConfigurer} would build for an event-sourced aggregate with a cache
     * (same model, lock factory, aggregate factory and snapshot trigger), with the freshness check added.
     */
    public static <T> ConsistentCachingRepository<T> of(Class<T> type, Configuration c, Cache cache,
                                                        AggregateFactory<T> aggregateFactory) {
        AggregateModel<T> model = c.getComponent(AggregateMetaModelFactory.class,
                () -> new AnnotatedAggregateMetaModelFactory(c.parameterResolverFactory(), c.handlerDefinition(type)))
                .createModel(type);
        EventSourcingRepository.Builder<T> builder = EventSourcingRepository.builder(type)
                .aggregateModel(model)
                .lockFactory(PessimisticLockFactory.usingDefaults())
                .eventStore(c.eventStore())
                .snapshotTriggerDefinition(NoSnapshotTriggerDefinition.INSTANCE)
                .aggregateFactory(aggregateFactory)
                .repositoryProvider(c::repository)
                .spanFactory(c.getComponent(RepositorySpanFactory.class))
                .cache(cache);
        return new ConsistentCachingRepository<>(builder, cache, c.eventStore());
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        if (cache.containsKey(aggregateIdentifier)) {
            EventSourcedAggregate<T> cached = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
            Long stored = eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null);
            if (Objects.equals(cached.version(), stored)) {
                return cached;
            }
            log.debug("Cached aggregate {} is at version {}, the store at {}: loading it from its events",
                    aggregateIdentifier, cached.version(), stored);
            cache.remove(aggregateIdentifier);
        }
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}
