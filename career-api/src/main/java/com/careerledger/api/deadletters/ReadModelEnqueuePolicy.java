package com.careerledger.api.deadletters;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the read models' dead-letter queues do with a failure (Axon asks this policy when a handler fails, and
 * again when a retried dead letter fails):
 * <ul>
 *     <li>a failure that makes the batch untrustworthy ({@link BatchToIsolate}) is not parked: it goes on to the
 *     processor, which rolls the batch back and handles it again event by event;</li>
 *     <li>a failure of the database or of the moment (connection lost, deadlock, shutdown) is not parked either,
 *     while the processor is handling events: the processor retries it with its back-off, since parking would
 *     take the events of every person the outage touches out of the read models;</li>
 *     <li>anything else parks the event: its cause is kept (type, and a message bounded to 1,023 characters, the
 *     deepest cause's included) and the diagnostics count the attempts. A dead letter is never dropped by the
 *     policy: it stays until an operator's retry succeeds or an operator evicts it with a reason.</li>
 * </ul>
 * The queue itself is bounded too (see {@code career.dead-letters.*}): when it is full, the failure is not parked
 * but stops the processor, which is then the right signal.
 */
public class ReadModelEnqueuePolicy implements EnqueuePolicy<EventMessage<?>> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReadModelEnqueuePolicy.class);

    private final String readModel;

    public ReadModelEnqueuePolicy(String readModel) {
        this.readModel = readModel;
    }

    /** The diagnostics entry with the number of times handling the event has failed. */
    public static final String ATTEMPTS = "attempts";
    /** The diagnostics entry with when handling the event failed first (ISO-8601). */
    public static final String FIRST_FAILURE = "firstFailure";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (cause instanceof BatchToIsolate batch) {
            throw batch;
        }
        if (!retrying() && Failures.isTransient(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        long attempts = attempts(letter.diagnostics()) + 1;
        log.warn("Read model {} could not handle event {} ({}); parked in its dead-letter queue with the later events "
                        + "of the same person (attempt {}): {}", readModel, letter.message().getIdentifier(),
                letter.message().getPayloadType().getSimpleName(), attempts, cause.toString());
        // a letter made for this failure was made when it happened; one parked behind another fails now, in a retry
        Instant failedAt = retrying() ? Instant.now() : letter.lastTouched();
        Object firstFailure = letter.diagnostics().getOrDefault(FIRST_FAILURE,
                failedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return Decisions.enqueue(cause(cause),
                l -> l.diagnostics().and(ATTEMPTS, attempts).and(FIRST_FAILURE, firstFailure));
    }

    /** How often handling the letter's event has failed so far, from its diagnostics. */
    public static long attempts(MetaData diagnostics) {
        Object value = diagnostics == null ? null : diagnostics.get(ATTEMPTS);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? 0 : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The cause as kept in the queue: the failure's type, its message and the deepest cause's, bounded. */
    static ThrowableCause cause(Throwable failure) {
        Throwable shown = failure instanceof BatchToIsolate && failure.getCause() != null ? failure.getCause() : failure;
        Throwable root = Failures.root(shown);
        String message = String.valueOf(shown.getMessage());
        if (root != shown) {
            message += " (caused by " + root.getClass().getName() + ": " + root.getMessage() + ")";
        }
        if (message.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE) {
            message = message.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE);
        }
        return new ThrowableCause(shown.getClass().getName(), message);
    }

    /** Whether a dead letter is being retried (Axon's retry keeps the letter in its unit of work). */
    private static boolean retrying() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }
}
