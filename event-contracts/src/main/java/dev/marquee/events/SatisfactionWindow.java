package dev.marquee.events;

import java.time.Instant;

/**
 * How satisfied the audience of one brand, channel and persona was in one hour or day. Published on
 * {@code marquee.analytics.satisfaction.v1} (key {@link #key()}); a later record for a key supersedes the earlier
 * one; windows with fewer than k users are not published.
 *
 * @param granularity   {@code hour} or {@code day}
 * @param windowStart   inclusive start of the window (UTC)
 * @param windowEnd     exclusive end of the window
 * @param brand         brand (tenant)
 * @param channel       client channel
 * @param persona       persona id and version
 * @param users         distinct users with analytics consent behind these figures
 * @param turns          turns answered
 * @param thumbsUp      thumbs-up feedback on turns of the window
 * @param thumbsDown    thumbs-down feedback
 * @param thumbsUpRatio thumbs up divided by all thumbs (0 when there were none)
 * @param handoffs      turns that handed the conversation to a human
 * @param handoffRate   handoffs divided by turns
 * @param guardrailTurns turns on which at least one guardrail triggered
 * @param guardrailRate guardrail turns divided by turns
 * @param fallbacks     turns the assistant could not serve (out of scope, no match)
 * @param fallbackRate  fallbacks divided by turns
 * @param updatedAt     when this value was computed
 */
public record SatisfactionWindow(
        String granularity,
        Instant windowStart,
        Instant windowEnd,
        String brand,
        String channel,
        String persona,
        long users,
        long turns,
        long thumbsUp,
        long thumbsDown,
        double thumbsUpRatio,
        long handoffs,
        double handoffRate,
        long guardrailTurns,
        double guardrailRate,
        long fallbacks,
        double fallbackRate,
        Instant updatedAt) {

    /** The Kafka key: granularity, dimensions and window start, separated by {@code |}. */
    public String key() {
        return String.join("|", granularity, brand, channel, persona, windowStart.toString());
    }
}
