package dev.marquee.deploy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A load run: {@code concurrency} workers each repeat their call as soon as the previous one is answered
 * (closed loop) or on a schedule at a fixed total rate (paced), first for a warm-up (not recorded: JIT,
 * connection pools, caches), then for the measured period.
 * Only calls that start and end inside the measured period count, so the figures are not skewed by the edges.
 */
public final class LoadRun {

    /** One call of a worker; returns normally on success, throws to count a failure. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    private LoadRun() {
    }

    /**
     * Runs the load and returns what was measured.
     *
     * @param workers creates worker {@code i}'s call; each worker calls only its own, from one thread
     */
    public static Result run(int concurrency, Duration warmup, Duration measure, IntFunction<Call> workers) {
        return run(concurrency, 0, warmup, measure, workers);
    }

    /**
     * Runs the load at a fixed total rate instead: each worker starts its calls on a schedule, one every
     * {@code concurrency / rate} seconds (the workers staggered), and waits only if it is ahead of it. A call's
     * latency counts from the moment the schedule meant it to start, so a slow answer also counts against the
     * calls it held up (no coordinated omission, as in wrk2). If the service cannot keep up, the achieved rate
     * falls below the asked one and the latencies show the growing lag.
     *
     * @param rate calls per second over all workers; 0 for closed loop (each call as soon as the last answered)
     */
    public static Result run(int concurrency, double rate, Duration warmup, Duration measure,
                             IntFunction<Call> workers) {
        long begin = System.nanoTime();
        long interval = rate <= 0 ? 0 : (long) (concurrency * 1e9 / rate);
        long measureFrom = begin + warmup.toNanos();
        long measureUntil = measureFrom + measure.toNanos();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
        for (int i = 0; i < concurrency; i++) {
            Call call = workers.apply(i);
            Samples samples = new Samples();
            long first = begin + (interval == 0 ? 0 : interval * i / concurrency);
            threads.add(Thread.ofPlatform().name("load-" + i).start(() -> {
                long scheduled = first;
                while (System.nanoTime() < measureUntil) {
                    long start;
                    if (interval == 0) {
                        start = System.nanoTime();
                    } else {
                        start = scheduled;
                        scheduled += interval;
                        long ahead = start - System.nanoTime();
                        if (ahead > 0) {
                            LockSupport.parkNanos(ahead);
                        }
                        if (start >= measureUntil) {
                            break;
                        }
                    }
                    boolean ok;
                    try {
                        call.run();
                        ok = true;
                    } catch (Exception e) {
                        ok = false;
                        if (start >= measureFrom) {
                            errors.incrementAndGet();
                            errorKinds.computeIfAbsent(String.valueOf(e.getMessage()), k -> new AtomicLong())
                                    .incrementAndGet();
                        }
                    }
                    long end = System.nanoTime();
                    if (ok && start >= measureFrom && end <= measureUntil) {
                        samples.add(end - start);
                    }
                }
                synchronized (latencies) {
                    latencies.add(samples.toArray());
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the load ran", e);
            }
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Map<String, Long> kinds = new TreeMap<>();
        errorKinds.forEach((kind, count) -> kinds.put(kind, count.get()));
        return new Result(concurrency, rate, measure, all, errors.get(), kinds);
    }

    /**
     * What a run measured.
     *
     * @param nanos  latencies of the successful calls in the measured period, sorted
     * @param errors failed calls in the measured period, and how often each failure message occurred
     */
    public record Result(int concurrency, double rate, Duration measured, long[] nanos, long errors,
                         Map<String, Long> errorKinds) {

        public double perSecond() {
            return nanos.length / (measured.toNanos() / 1e9);
        }

        /** The latency below which the given share of calls finished, in milliseconds. */
        public double percentileMillis(double percentile) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(nanos.length - 1, index))] / 1e6;
        }

        public String summary(String unit) {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%d %s in %d s at concurrency %d%s: %.1f %s/s%n", nanos.length, unit,
                    measured.toSeconds(), concurrency, rate <= 0 ? " (closed loop)"
                            : String.format(", paced at %.0f %s/s (latency from the scheduled start)", rate, unit),
                    perSecond(), unit));
            b.append(String.format("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                    percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9),
                    percentileMillis(100)));
            b.append(String.format("errors: %d%s%n", errors, errorKinds.isEmpty() ? "" : " " + errorKinds));
            return b.toString();
        }
    }

    /** A growable array of latencies, owned by one worker thread. */
    private static final class Samples {
        private long[] values = new long[4096];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
