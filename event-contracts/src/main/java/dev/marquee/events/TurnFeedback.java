package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A user rated one assistant turn.
 *
 * @param feedbackId     unique id of this feedback (also the CloudEvent id)
 * @param turnId         the rated turn
 * @param conversationId its conversation
 * @param userId         pseudonymous user id; also the Kafka key
 * @param brand          brand (tenant)
 * @param rating         thumbs up or down
 * @param reason         optional short reason code chosen from the client's list, e.g. {@code wrong_title}
 * @param occurredAt     when the user gave it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnFeedback(
        String feedbackId,
        String turnId,
        String conversationId,
        String userId,
        String brand,
        Rating rating,
        String reason,
        Instant occurredAt) {

    public enum Rating {
        @JsonProperty("up") UP,
        @JsonProperty("down") DOWN
    }
}
