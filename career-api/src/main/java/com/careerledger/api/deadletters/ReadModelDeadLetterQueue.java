package com.careerledger.api.deadletters;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One read model's dead letters: Axon's {@code JdbcSequencedDeadLetterQueue}, with one change for read models that
 * are rebuilt from the event store (ADR 0008):
 * <ul>
 *     <li><b>A retry handles the event as the event store holds it now.</b> The queue keeps a copy of each event
 *     for the operator to look at, but the event store is the record: when an operator has repaired it (or an
 *     upcaster now reads it), the retry must see what a rebuild would see, through the same upcasters, or the read
 *     model would differ from its rebuild. An event no longer in the store at its place is retried as copied.</li>
 * </ul>
 * Everything else is the JDBC queue's own behaviour.
 */
public class ReadModelDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private final String readModel;
    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final Supplier<EventStorageEngine> events;

    public ReadModelDeadLetterQueue(String readModel, SequencedDeadLetterQueue<EventMessage<?>> queue,
                                    Supplier<EventStorageEngine> events) {
        this.readModel = readModel;
        this.queue = queue;
        this.events = events;
    }

    public String readModel() {
        return readModel;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        queue.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder)
            throws DeadLetterQueueOverflowException {
        return queue.enqueueIfPresent(sequenceIdentifier, letterBuilder);
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return queue.process(sequenceFilter, letter -> task.apply(asStoredNow(letter)));
    }

    @Override
    public boolean process(Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return queue.process(letter -> task.apply(asStoredNow(letter)));
    }

    /** The letter with its event read again from the event store (upcast as any replay), if it is still there. */
    private DeadLetter<? extends EventMessage<?>> asStoredNow(DeadLetter<? extends EventMessage<?>> letter) {
        if (!(letter.message() instanceof DomainEventMessage<?> copy)) {
            return letter;
        }
        DomainEventStream stream = events.get().readEvents(copy.getAggregateIdentifier(), copy.getSequenceNumber());
        DomainEventMessage<?> stored = stream.hasNext() ? stream.next() : null;
        if (stored == null || !stored.getIdentifier().equals(copy.getIdentifier())) {
            return letter;
        }
        EventMessage<?> message = copy instanceof TrackedEventMessage<?> tracked
                ? new GenericTrackedDomainEventMessage<>(tracked.trackingToken(), stored)
                : stored;
        Object sequence = letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier()
                : copy.getAggregateIdentifier();
        return new GenericDeadLetter<>(sequence, message, letter.cause().orElse(null), letter.enqueuedAt(),
                letter.lastTouched(), letter.diagnostics());
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        queue.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        queue.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return queue.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return queue.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return queue.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return queue.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return queue.amountOfSequences();
    }

    @Override
    public void clear() {
        queue.clear();
    }
}
