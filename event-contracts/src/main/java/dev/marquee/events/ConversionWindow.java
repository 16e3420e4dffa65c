package dev.marquee.events;

import java.time.Instant;

/**
 * The recommendation funnel of one brand, surface, strategy and experiment variant in one hour or day: lists
 * served, and how many of them led to an impression, click, play, completion or purchase within the attribution
 * window (analytics-service's {@code marquee.analytics.attribution-window}), attributed by recommendation id.
 * Counted in the window the list was served in. Published on {@code marquee.analytics.conversion.v1} (key
 * {@link #key()}); a later record for a key supersedes the earlier one; windows with fewer than k users are not
 * published.
 *
 * @param granularity  {@code hour} or {@code day}
 * @param windowStart  inclusive start of the window (UTC)
 * @param windowEnd    exclusive end of the window
 * @param brand        brand (tenant)
 * @param source       surface the list was served on: {@code chat}, {@code home}, ...
 * @param strategy     strategy that ranked the list
 * @param variant      experiment variant of the user
 * @param users        distinct users with analytics consent who were served a list
 * @param served       lists served
 * @param impressions  lists with at least one attributed impression
 * @param clicks       lists with at least one attributed click
 * @param plays        lists with at least one attributed play
 * @param completes    lists with at least one attributed completion
 * @param purchases    lists with at least one attributed purchase
 * @param clickRate    clicks divided by served
 * @param playRate     plays divided by served
 * @param completeRate completes divided by served
 * @param purchaseRate purchases divided by served
 * @param updatedAt    when this value was computed
 */
public record ConversionWindow(
        String granularity,
        Instant windowStart,
        Instant windowEnd,
        String brand,
        String source,
        String strategy,
        String variant,
        long users,
        long served,
        long impressions,
        long clicks,
        long plays,
        long completes,
        long purchases,
        double clickRate,
        double playRate,
        double completeRate,
        double purchaseRate,
        Instant updatedAt) {

    /** The Kafka key: granularity, dimensions and window start, separated by {@code |}. */
    public String key() {
        return String.join("|", granularity, brand, source, strategy, variant, windowStart.toString());
    }
}
