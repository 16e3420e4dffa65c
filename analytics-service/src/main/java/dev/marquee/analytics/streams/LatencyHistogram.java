package dev.marquee.analytics.streams;

import java.util.Arrays;

/**
 * Reply latencies in buckets whose bounds grow by a quarter (1 ms to about 60 s), so percentiles can be merged
 * across events, partitions and instances and are within 25 % of the truth.
 */
final class LatencyHistogram {
    /** Upper bounds (inclusive) in milliseconds; the last bucket takes everything above the one before it. */
    static final long[] BOUNDS = bounds();

    private LatencyHistogram() {
    }

    private static long[] bounds() {
        long[] b = new long[64];
        int n = 0;
        double bound = 1;
        while (bound < 60_000) {
            long rounded = Math.round(bound);
            if (n == 0 || rounded > b[n - 1]) {
                b[n++] = rounded;
            }
            bound *= 1.25;
        }
        b[n++] = Long.MAX_VALUE;
        return Arrays.copyOf(b, n);
    }

    static int bucketOf(long millis) {
        int i = Arrays.binarySearch(BOUNDS, Math.max(0, millis));
        return i >= 0 ? i : -i - 1;
    }

    /** The upper bound of the bucket holding the given quantile (0 with no observations). */
    static double quantile(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return BOUNDS[i] == Long.MAX_VALUE ? BOUNDS[i - 1] : BOUNDS[i];
            }
        }
        return BOUNDS[BOUNDS.length - 2];
    }
}
