package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A conversation was handed to a human: the assistant stopped answering it and a support desk should pick it
 * up. The only free text is {@code message}, the user's words that asked for a human, with e-mail addresses,
 * phone numbers, card numbers, names and other identifiers replaced by placeholders such as {@code [EMAIL]}: no
 * consent purpose covers handing the raw words to other systems.
 *
 * @param handoffId      unique id of the handoff (also the CloudEvent id)
 * @param conversationId the conversation to pick up
 * @param turnId         the turn that asked for a human
 * @param userId         pseudonymous user id; also the Kafka key
 * @param brand          brand (tenant) whose desk should answer
 * @param persona        persona id and version that was speaking
 * @param channel        client channel the user is on
 * @param reason         why: {@code user_request} or a guardrail name such as {@code abusive_content}
 * @param occurredAt     when the conversation was handed off
 * @param message        the user's message that asked for a human, redacted; absent in events of older producers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandoffRequested(
        String handoffId,
        String conversationId,
        String turnId,
        String userId,
        String brand,
        String persona,
        String channel,
        String reason,
        Instant occurredAt,
        String message) {
}
