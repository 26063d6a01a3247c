package com.careerledger.api.deadletters;

import com.careerledger.projections.support.ProjectionBatch;
import com.careerledger.projections.ReadModelGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * Makes the failure of a read model's handler the failure of one event, so that the dead-letter queue parks that
 * event alone and not the batch it came in (ADR 0008).
 * <p>
 * Read models write at the end of the processor's batch ({@link ProjectionBatch}): in a batch, a failing write
 * belongs to no event in particular, and a handler that fails halfway may have left part of its work in the
 * batch's buffer. So a batch runs as before until something fails:
 * <ul>
 *     <li>a handler that fails before it touched any buffer, and not in the database (an event whose payload cannot
 *     be read, say), has done nothing: its event is parked at once and the batch goes on;</li>
 *     <li>any other failure — in a handler that had written to a buffer, from the database, or while the batch's
 *     writes are flushed — rolls the whole batch back; the processor handles it again after its one-second pause,
 *     and every event of that batch is handled <em>isolated</em>: each handler in a savepoint of
 *     its own, with its writes flushed before the savepoint is released. A failure then rolls back to the
 *     savepoint and is that event's alone.</li>
 * </ul>
 * Dead letters being retried are always handled isolated, so one that still fails is put back without undoing the
 * ones before it. Handlers of anything but the read models are left alone.
 */
public class FailureIsolation implements HandlerEnhancerDefinition {

    private static final Logger log = LoggerFactory.getLogger(FailureIsolation.class);
    private static final String BATCH_RESOURCE = FailureIsolation.class.getName() + "/batch";

    private final TransactionTemplate savepoint;
    /** The global indexes [first, last] of the batches that failed lately: their events are handled isolated. */
    private final Deque<long[]> failedBatches = new ArrayDeque<>();
    private static final int FAILED_BATCHES_KEPT = 16;

    public FailureIsolation(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = original.declaringClass().getAnnotation(ProcessingGroup.class);
        return group == null || !ReadModelGroups.GROUPS.contains(group.value()) ? original : new Isolating<>(original);
    }

    /** Whether the event at this global index is handled isolated: it was in a batch that failed lately. */
    public boolean isolates(long position) {
        synchronized (failedBatches) {
            for (long[] range : failedBatches) {
                if (range[0] <= position && position <= range[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Batch {
        long first = Long.MAX_VALUE;
        long last = -1;
    }

    private final class Isolating<T> extends WrappedMessageHandlingMember<T> {

        private Isolating(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!CurrentUnitOfWork.isStarted()) {
                return super.handle(message, target);
            }
            UnitOfWork<?> unit = CurrentUnitOfWork.get();
            OptionalLong position = position(message);
            if (unit.resources().containsKey(DeadLetter.class.getName())
                    || position.isPresent() && isolates(position.getAsLong())) {
                return isolated(message, target);
            }
            position.ifPresent(p -> remember(unit.root(), p));
            long touches = ProjectionBatch.touches();
            try {
                return super.handle(message, target);
            } catch (Exception e) {
                if (ProjectionBatch.touches() != touches || Failures.fromDatabase(e)) {
                    throw new BatchToIsolate(e);
                }
                throw e;
            }
        }

        private Object isolated(Message<?> message, T target) throws Exception {
            // what the batch's earlier events wrote is in the database before this event is handled on its own
            ProjectionBatch.flushPending();
            try {
                return ProjectionBatch.isolated(() -> savepoint.execute(status -> {
                    try {
                        return super.handle(message, target);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new Checked(e);
                    }
                }));
            } catch (Checked e) {
                throw (Exception) e.getCause();
            }
        }
    }

    /** The batch's last position, and on its rollback, isolation up to there for the next attempt. */
    private void remember(UnitOfWork<?> root, long position) {
        Batch batch = root.getOrComputeResource(BATCH_RESOURCE, k -> {
            Batch created = new Batch();
            root.onRollback(u -> {
                synchronized (failedBatches) {
                    failedBatches.addLast(new long[]{created.first, created.last});
                    while (failedBatches.size() > FAILED_BATCHES_KEPT) {
                        failedBatches.removeFirst();
                    }
                }
                log.warn("A batch of the read models failed; its events (global index {} to {}) are handled again one "
                        + "at a time, so that a failing one is parked alone", created.first, created.last);
            });
            return created;
        });
        batch.first = Math.min(batch.first, position);
        batch.last = Math.max(batch.last, position);
    }

    private static OptionalLong position(Message<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position();
        }
        return OptionalLong.empty();
    }

    private static final class Checked extends RuntimeException {
        Checked(Exception cause) {
            super(cause);
        }
    }
}
