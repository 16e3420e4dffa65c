package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A conversation turn was answered. Carries no free text: what the user said and what the assistant
 * answered stay in dialogue-service, which owns the transcript.
 *
 * @param turnId         unique id of the turn (also the CloudEvent id)
 * @param conversationId conversation the turn belongs to
 * @param userId         pseudonymous user id (the token subject); also the Kafka key
 * @param brand          brand (tenant) the assistant spoke for
 * @param persona        persona id and version, e.g. {@code marquee-host@1}
 * @param channel        client channel, e.g. {@code web}, {@code ios}, {@code tv}
 * @param intent         detected intent, e.g. {@code recommend}
 * @param responder      model or responder that produced the reply, e.g. {@code offline-catalog-responder}
 * @param titleIds       catalog ids the reply presented, in order
 * @param guardrails     guardrails that triggered on this turn (empty when none)
 * @param handoff        whether the turn handed the conversation to a human
 * @param fallback       whether the assistant could not serve the request (out of scope, no match)
 * @param latencyMs      time from receiving the message to the complete reply
 * @param tokensIn       prompt tokens, when a model reports them
 * @param tokensOut      completion tokens, when a model reports them
 * @param occurredAt     when the reply was completed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnCompleted(
        String turnId,
        String conversationId,
        String userId,
        String brand,
        String persona,
        String channel,
        String intent,
        String responder,
        List<String> titleIds,
        List<String> guardrails,
        boolean handoff,
        boolean fallback,
        long latencyMs,
        Integer tokensIn,
        Integer tokensOut,
        Instant occurredAt) {
}
