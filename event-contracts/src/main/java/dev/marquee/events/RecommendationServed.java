package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A list of recommendations was served, so that later clicks and plays can be attributed to it.
 *
 * @param recommendationId unique id of this list (also the CloudEvent id)
 * @param userId           pseudonymous user id; also the Kafka key
 * @param brand            brand (tenant)
 * @param strategy         named strategy that ranked the list, e.g. {@code popularity}
 * @param variant          experiment variant the user is assigned to, e.g. {@code control}
 * @param source           surface that asked: {@code chat}, {@code home}, ...
 * @param items            the titles in rank order
 * @param occurredAt       when it was served
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecommendationServed(
        String recommendationId,
        String userId,
        String brand,
        String strategy,
        String variant,
        String source,
        List<Item> items,
        Instant occurredAt) {

    /**
     * One served title.
     *
     * @param titleId catalog id
     * @param rank    1-based position
     * @param score   the strategy's score
     * @param reason  human-readable explanation, e.g. "Trending this week"
     */
    public record Item(String titleId, int rank, double score, String reason) {
    }
}
