package dev.marquee.events;

import java.time.Instant;

/**
 * Engagement with the assistant of one brand, channel and persona in one hour or day. Published on
 * {@code marquee.analytics.engagement.v1} (key {@link #key()}); a later record for a key supersedes the earlier
 * one. Users without analytics consent count in turns and conversations but not as users; a window with fewer
 * than k users (analytics-service's {@code marquee.analytics.min-users}) is not published.
 *
 * @param granularity          {@code hour} or {@code day}
 * @param windowStart          inclusive start of the window (UTC)
 * @param windowEnd            exclusive end of the window
 * @param brand                brand (tenant)
 * @param channel              client channel, e.g. {@code web}
 * @param persona              persona id and version, e.g. {@code marquee-host@1}
 * @param activeUsers          distinct users with analytics consent who had a turn in the window
 * @param returningUsers       of those, users first seen in an earlier window
 * @param conversations        distinct conversations with a turn in the window
 * @param turns                turns answered in the window
 * @param turnsPerConversation turns divided by conversations
 * @param meanSessionSeconds   mean time from a conversation's first to its last turn, over the conversations that
 *                             started in the window
 * @param updatedAt            when this value was computed
 */
public record EngagementWindow(
        String granularity,
        Instant windowStart,
        Instant windowEnd,
        String brand,
        String channel,
        String persona,
        long activeUsers,
        long returningUsers,
        long conversations,
        long turns,
        double turnsPerConversation,
        double meanSessionSeconds,
        Instant updatedAt) {

    /** The Kafka key: granularity, dimensions and window start, separated by {@code |}. */
    public String key() {
        return String.join("|", granularity, brand, channel, persona, windowStart.toString());
    }
}
