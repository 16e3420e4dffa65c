package dev.marquee.events;

import java.time.Instant;

/**
 * What one model or responder did for one persona in one hour or day: reply latency, tokens and their estimated
 * cost (analytics-service's {@code marquee.analytics.prices}). Published on {@code marquee.analytics.model-usage.v1}
 * (key {@link #key()}); a later record for a key supersedes the earlier one; windows with fewer than k users are
 * not published.
 *
 * @param granularity   {@code hour} or {@code day}
 * @param windowStart   inclusive start of the window (UTC)
 * @param windowEnd     exclusive end of the window
 * @param model         the model or responder that produced the replies, e.g. {@code offline-catalog-responder}
 * @param persona       persona id and version
 * @param users         distinct users with analytics consent behind these figures
 * @param turns         replies produced
 * @param latencyP50Ms  median reply latency, from a histogram (upper bound of the bucket it falls in)
 * @param latencyP90Ms  90th percentile
 * @param latencyP99Ms  99th percentile
 * @param tokensIn      prompt tokens reported by the model
 * @param tokensOut     completion tokens reported by the model
 * @param estimatedCost tokens priced with the configured prices of this model (0 when it has none)
 * @param currency      currency of the cost, e.g. {@code USD}
 * @param updatedAt     when this value was computed
 */
public record ModelUsageWindow(
        String granularity,
        Instant windowStart,
        Instant windowEnd,
        String model,
        String persona,
        long users,
        long turns,
        double latencyP50Ms,
        double latencyP90Ms,
        double latencyP99Ms,
        long tokensIn,
        long tokensOut,
        double estimatedCost,
        String currency,
        Instant updatedAt) {

    /** The Kafka key: granularity, dimensions and window start, separated by {@code |}. */
    public String key() {
        return String.join("|", granularity, model, persona, windowStart.toString());
    }
}
