package com.careerledger.projections.testsupport;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.util.List;

/**
 * Events handed to a projection as its event processor hands them: a batch is one unit of work, and the projection
 * writes it when the unit of work commits (ProjectionBatch).
 */
public final class Batches {

    private Batches() {
    }

    /** The events in one unit of work: one batch, written when it commits. */
    public static void inOneBatch(Object projection, List<? extends EventMessage<?>> events) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        DefaultUnitOfWork.startAndGet(events.get(0)).execute(() -> {
            for (EventMessage<?> event : events) {
                try {
                    handlers.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /** Each event in a batch of its own. */
    public static void oneByOne(Object projection, List<? extends EventMessage<?>> events) {
        events.forEach(e -> inOneBatch(projection, List.of(e)));
    }
}
