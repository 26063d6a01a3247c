package com.careerledger.api.admin;

import com.careerledger.api.admin.storage.ShadowTables;
import com.careerledger.projections.ReadModelGroups;
import com.careerledger.projections.support.EventStreams;
import com.careerledger.projections.support.PersonSequencingPolicy;
import com.careerledger.projections.support.Projection;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts, follows and cancels the rebuilds of read models (one {@link ShadowRebuild} at a time, on a thread of its
 * own; one across every instance on the database, by an advisory lock). A rebuild asked for while another runs joins
 * it: if that one rebuilds the read model already, nothing changes; otherwise it is cancelled and a rebuild of both
 * starts from the first event.
 */
@Component
public class Rebuilds {

    private final Map<String, Projection> projections = new HashMap<>();
    private final org.axonframework.config.Configuration axon;
    private final ShadowRebuild.Parts parts;
    private final ShadowTables shadow;
    private final EventStreams streams;
    private final Map<String, ShadowRebuild.Result> last = new ConcurrentHashMap<>();
    private ShadowRebuild current;
    private Thread thread;

    public Rebuilds(List<Projection> projections, org.axonframework.config.Configuration axon,
                    EventStorageEngine events, TokenStore tokens, ShadowTables shadow,
                    PlatformTransactionManager transactions, EventProcessingConfiguration processing,
                    EventStreams streams, @Value("${career.rebuild.batch-size:1000}") int batchSize,
                    @Value("${career.rebuild.threads:1}") int threads) {
        projections.forEach(p -> this.projections.put(p.group(), p));
        this.axon = axon;
        this.shadow = shadow;
        this.streams = streams;
        this.parts = new ShadowRebuild.Parts(events, tokens, shadow, transactions, new PersonSequencingPolicy(),
                ReadModelGroups.PROCESSOR, processing::deadLetterQueue, new ShadowRebuild.LiveProcessor() {
            @Override
            public void stop() {
                processing.eventProcessor(ReadModelGroups.PROCESSOR, TrackingEventProcessor.class)
                        .ifPresent(TrackingEventProcessor::shutDown);
            }

            @Override
            public void start() {
                processing.eventProcessor(ReadModelGroups.PROCESSOR, TrackingEventProcessor.class)
                        .ifPresent(TrackingEventProcessor::start);
            }
        }, batchSize, Math.max(1, threads), Clock.systemUTC());
    }

    /** Starts a rebuild of these read models (or joins the one running); returns at once. */
    public synchronized void start(Set<String> groups) {
        Set<String> wanted = new TreeSet<>(groups);
        if (current != null && current.result() == null) {
            if (current.groups().containsAll(wanted)) {
                return;
            }
            wanted.addAll(current.groups());
            stopCurrent();
        }
        String live = shadow.liveSchema();
        ShadowTables.RebuildLock lock = shadow.tryLock(live);
        if (lock == null) {
            throw new ProjectionBusyException("a rebuild of read models is running on another instance; "
                    + "retry when it has ended");
        }
        List<ShadowRebuild.Target> targets = new ArrayList<>();
        for (String group : ReadModelGroups.GROUPS) {
            Projection p = projections.get(group);
            if (wanted.contains(group) && p != null) {
                targets.add(new ShadowRebuild.Target(group, p.tables(), new AnnotationEventHandlerAdapter(p,
                        axon.parameterResolverFactory(), axon.handlerDefinition(p.getClass()))));
            }
        }
        boolean every = targets.size() == ReadModelGroups.GROUPS.size();
        current = new ShadowRebuild(parts, targets, every, lock, live, streams.head());
        ShadowRebuild run = current;
        thread = new Thread(() -> {
            run.run();
            run.groups().forEach(g -> last.put(g, run.result()));
        }, "rebuild");
        thread.setDaemon(true);
        thread.start();
    }

    /** Cancels the rebuild under way, if any, and waits until it has let go of its tables. */
    public synchronized boolean cancel() {
        if (current == null || current.result() != null) {
            return false;
        }
        stopCurrent();
        return true;
    }

    /** The rebuild under way that rebuilds this read model. */
    public synchronized Optional<ShadowRebuild> running(String group) {
        return current != null && current.result() == null && current.groups().contains(group)
                ? Optional.of(current) : Optional.empty();
    }

    /** How the last rebuild of this read model ended. */
    public Optional<ShadowRebuild.Result> last(String group) {
        return Optional.ofNullable(last.get(group));
    }

    private void stopCurrent() {
        current.cancel();
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void shutDown() {
        ShadowRebuild run;
        Thread running;
        synchronized (this) {
            run = current;
            running = thread;
        }
        if (run != null && run.result() == null) {
            run.cancel();
            try {
                running.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
