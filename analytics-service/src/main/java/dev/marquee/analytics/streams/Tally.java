package dev.marquee.analytics.streams;

/**
 * The running sums of one aggregate in one window.
 *
 * @param counters  sums of the family's counters
 * @param latencies counts per {@link LatencyHistogram} bucket (empty for families without latency)
 */
record Tally(long[] counters, long[] latencies) {

    static Tally empty(Family family) {
        return new Tally(new long[family.counters()],
                new long[family.latency() ? LatencyHistogram.BOUNDS.length : 0]);
    }

    /** A tally before its first fact, whose family it does not know yet. */
    static Tally none() {
        return new Tally(new long[0], new long[0]);
    }

    /** Adds a fact in place and returns the tally (the aggregator of the windowed store). */
    Tally add(Fact fact) {
        if (counters.length < fact.family().counters()) {
            return empty(fact.family()).add(this).add(fact);
        }
        for (int i = 0; i < counters.length && i < fact.counters().length; i++) {
            counters[i] += fact.counters()[i];
        }
        if (fact.latencyBucket() >= 0 && fact.latencyBucket() < latencies.length) {
            latencies[fact.latencyBucket()]++;
        }
        return this;
    }

    private Tally add(Tally other) {
        for (int i = 0; i < other.counters.length; i++) {
            counters[i] += other.counters[i];
        }
        for (int i = 0; i < other.latencies.length && i < latencies.length; i++) {
            latencies[i] += other.latencies[i];
        }
        return this;
    }

    /** Sum of every counter and bucket: it grows with each fact, so it tells updates of a window apart. */
    long total() {
        long total = 0;
        for (long c : counters) {
            total += c;
        }
        for (long c : latencies) {
            total += c;
        }
        return total;
    }

    long users() {
        return counters[Family.USERS];
    }
}
