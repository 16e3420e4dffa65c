package dev.marquee.analytics.streams;

/**
 * What one event adds to one aggregate: counter increments and, for model usage, the latency bucket of a reply.
 * Keyed by {@link #aggregateKey()}; its record timestamp places it in its window.
 *
 * @param family      the aggregate's kind
 * @param granularity hour or day
 * @param dimensions  the aggregate's dimension values joined by {@code |}
 * @param counters    increments, one per counter of the family
 * @param latencyBucket the {@link LatencyHistogram} bucket of a reply's latency, or -1
 */
record Fact(Family family, Granularity granularity, String dimensions, long[] counters, int latencyBucket) {

    static Fact of(Family family, Granularity granularity, String dimensions) {
        return new Fact(family, granularity, dimensions, new long[family.counters()], -1);
    }

    Fact withLatencyBucket(int bucket) {
        return new Fact(family, granularity, dimensions, counters, bucket);
    }

    String aggregateKey() {
        return family.wireName() + "|" + granularity.wireName() + "|" + dimensions;
    }

    boolean addsNothing() {
        for (long c : counters) {
            if (c != 0) {
                return false;
            }
        }
        return latencyBucket < 0;
    }
}
