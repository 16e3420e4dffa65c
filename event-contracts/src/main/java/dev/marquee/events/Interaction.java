package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A user interacted with a title: client telemetry (impression, click, play, complete, purchase, rating)
 * and explicit signals (like, dislike).
 *
 * @param interactionId    unique id chosen by the gateway (also the CloudEvent id); consumers de-duplicate on it
 * @param userId           pseudonymous user id; also the Kafka key
 * @param titleId          catalog id of the title
 * @param type             what happened
 * @param rating           1 to 5, present exactly when {@code type} is {@code rating}
 * @param recommendationId the recommendation that surfaced the title, when there was one (for attribution)
 * @param source           surface it happened on: {@code chat}, {@code home}, {@code search}, {@code detail}, {@code other}
 * @param brand            brand (tenant)
 * @param channel          client channel, e.g. {@code web}
 * @param occurredAt       when it happened on the client (event time)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Interaction(
        String interactionId,
        String userId,
        String titleId,
        InteractionType type,
        Integer rating,
        String recommendationId,
        String source,
        String brand,
        String channel,
        Instant occurredAt) {
}
