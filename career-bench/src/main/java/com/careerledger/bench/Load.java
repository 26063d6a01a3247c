package com.careerledger.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: {@code threads} clients, each doing one operation after the other as fast as it can,
 * for a warm-up (not counted: JIT, connection pools, caches) and then a measured window. An operation counts
 * when it completes inside the window; its latency is kept for percentiles.
 */
final class Load {

    /** What one client does; made once per client thread, closed when the load ends. */
    interface Worker extends AutoCloseable {
        void once(long iteration) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    interface WorkerFactory {
        Worker create(int thread) throws Exception;
    }

    record Result(long ops, long errors, double seconds, long[] latencies, String firstError) {

        double rate() {
            return seconds <= 0 ? 0 : ops / seconds;
        }

        /** Latency percentile in milliseconds (p from 0 to 100). */
        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
        }

        String summary() {
            String s = String.format(java.util.Locale.US, "%,d ops in %.1f s = %,.0f/s, p50 %.2f ms, p99 %.2f ms",
                    ops, seconds, rate(), percentileMillis(50), percentileMillis(99));
            return errors == 0 ? s : s + String.format(java.util.Locale.US, ", %,d errors (first: %s)", errors, firstError);
        }
    }

    private Load() {
    }

    static Result run(int threads, Duration warmup, Duration measure, WorkerFactory factory) throws InterruptedException {
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        long[] errors = new long[threads];
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicReference<Exception> setupFailure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread client = new Thread(() -> {
                Worker worker;
                try {
                    worker = factory.create(thread);
                } catch (Exception e) {
                    setupFailure.compareAndSet(null, e);
                    ready.countDown();
                    return;
                }
                long[] mine = new long[4096];
                int n = 0;
                long failed = 0;
                try (Worker w = worker) {
                    ready.countDown();
                    go.await();
                    long start = window[0];
                    long end = window[1];
                    long i = 0;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        boolean ok = true;
                        try {
                            w.once(i++);
                        } catch (Exception e) {
                            ok = false;
                            firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                        long t1 = System.nanoTime();
                        if (t1 >= start && t1 <= end) {
                            if (!ok) {
                                failed++;
                            } else {
                                if (n == mine.length) {
                                    mine = Arrays.copyOf(mine, n * 2);
                                }
                                mine[n++] = t1 - t0;
                            }
                        }
                    }
                } catch (Exception e) {
                    firstError.compareAndSet(null, e.toString());
                }
                latencies[thread] = mine;
                counts[thread] = n;
                errors[thread] = failed;
            }, "bench-client-" + t);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
        ready.await();
        if (setupFailure.get() != null) {
            window[0] = window[1] = System.nanoTime();
            go.countDown();
            for (Thread c : clients) {
                c.join();
            }
            throw new IllegalStateException("a client could not start: " + setupFailure.get(), setupFailure.get());
        }
        long now = System.nanoTime();
        window[0] = now + warmup.toNanos();
        window[1] = window[0] + measure.toNanos();
        go.countDown(); // happens-before: the window is visible to every client
        for (Thread c : clients) {
            c.join();
        }
        int total = 0;
        long failed = 0;
        for (int t = 0; t < threads; t++) {
            total += counts[t];
            failed += errors[t];
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            if (latencies[t] != null) {
                System.arraycopy(latencies[t], 0, all, at, counts[t]);
                at += counts[t];
            }
        }
        Arrays.sort(all);
        return new Result(total, failed, measure.toNanos() / 1e9, all, firstError.get());
    }
}
