package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A user stated a taste in a conversation ("I love space operas", "no horror please"), for cold-start
 * recommendations. Only sent with the user's consent to personalization. Carries no free text: genres are the
 * catalog's own names and phrases come from a fixed vocabulary of taste words; what the user typed stays in
 * dialogue-service. At least one of {@code genres} and {@code phrases} is non-empty.
 *
 * @param preferenceId   unique id of this statement (also the CloudEvent id)
 * @param userId         pseudonymous user id; also the Kafka key
 * @param brand          brand (tenant)
 * @param conversationId the conversation it was said in
 * @param turnId         the turn whose message stated it
 * @param sentiment      whether the user likes or dislikes what is named
 * @param genres         catalog genre names, e.g. {@code space opera}; may be empty
 * @param phrases        normalised taste phrases of a fixed vocabulary, e.g. {@code cozy}, {@code feel-good}; may
 *                       be empty
 * @param kinds          kinds of title the user named, e.g. {@code game}; empty when none was named
 * @param occurredAt     when it was said
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreferenceStated(
        String preferenceId,
        String userId,
        String brand,
        String conversationId,
        String turnId,
        Sentiment sentiment,
        List<String> genres,
        List<String> phrases,
        List<String> kinds,
        Instant occurredAt) {

    public enum Sentiment {
        @JsonProperty("like") LIKE,
        @JsonProperty("dislike") DISLIKE
    }
}
