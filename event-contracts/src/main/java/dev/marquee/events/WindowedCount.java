package dev.marquee.events;

import java.time.Instant;

/**
 * An analytics aggregate: how many events of one metric fell into one time window. Published on
 * {@code marquee.analytics.counts.v1}; a later record for the same key supersedes the earlier one.
 *
 * @param metric      what was counted, e.g. {@code turns}, {@code interactions.play}
 * @param windowStart inclusive start of the window
 * @param windowEnd   exclusive end of the window
 * @param count       events counted so far in the window
 * @param updatedAt   when this value was computed
 */
public record WindowedCount(
        String metric,
        Instant windowStart,
        Instant windowEnd,
        long count,
        Instant updatedAt) {

    /** The Kafka key of this aggregate: metric and window start. */
    public String key() {
        return metric + "@" + windowStart;
    }
}
