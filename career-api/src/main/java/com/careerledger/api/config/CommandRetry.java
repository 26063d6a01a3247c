package com.careerledger.api.config;

import com.careerledger.api.error.Failures;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Retries a command that lost the race for its aggregate's next sequence number to another writer (another
 * instance on the same database): Axon's {@link ExponentialBackOffIntervalRetryScheduler}, restricted to that one
 * failure. Each attempt is a new unit of work that loads the aggregate afresh (the repository dropped the cached
 * copy when the lost attempt rolled back, and never serves a cached copy older than the store: see
 * {@link ConsistentCachingRepository}), so a retry applies the command to the state that won, or is refused by it.
 * Anything else (a refused rule, a version conflict with If-Match, an unreachable database) is answered at once.
 * <p>
 * A command sent while another unit of work is active is never retried here: it is part of that unit of work (the
 * assessment relay's commands are), and a retry dispatched on the scheduler's thread would run outside its
 * transaction. Its failure fails the enclosing command, which is retried as a whole.
 */
public final class CommandRetry implements RetryScheduler, AutoCloseable {

    private final ScheduledExecutorService executor;
    private final RetryScheduler backOff;

    /**
     * @param retries at most this many retries after the first attempt
     * @param backoff the wait before the first retry, doubled before each further one
     * @param threads the threads retries run on (the request's thread waits for the outcome meanwhile)
     */
    public CommandRetry(int retries, Duration backoff, int threads) {
        AtomicInteger count = new AtomicInteger();
        // not a bean: Spring would take a lone ScheduledExecutorService bean for its @Scheduled tasks
        this.executor = Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "command-retry-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.backOff = ExponentialBackOffIntervalRetryScheduler.builder()
                .retryExecutor(executor)
                .maxRetryCount(retries)
                .backoffFactor(Math.max(1, backoff.toMillis()))
                // which failures are worth a retry is decided here, in scheduleRetry
                .nonTransientFailurePredicate(failure -> false)
                .build();
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (CurrentUnitOfWork.isStarted() || !Failures.lostRace(lastFailure)) {
            return false;
        }
        return backOff.scheduleRetry(commandMessage, lastFailure, failures, commandDispatch);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
