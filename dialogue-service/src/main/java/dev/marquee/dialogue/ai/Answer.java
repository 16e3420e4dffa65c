package dev.marquee.dialogue.ai;

import dev.marquee.dialogue.guardrails.Guardrail;

import java.util.ArrayList;
import java.util.List;

/**
 * What a responder produced for one message.
 *
 * @param reply            the rich reply
 * @param intent           the detected intent
 * @param responder        model or responder that produced it
 * @param recommendationId the served recommendation list the cards came from, if any
 * @param fallback         whether the request could not be served
 * @param handoff          whether the user asked for a human
 * @param guardrails       guardrails that triggered
 * @param tokensIn         prompt tokens, when a model reports them
 * @param tokensOut        completion tokens, when a model reports them
 */
public record Answer(Reply reply, Intent intent, String responder, String recommendationId, boolean fallback,
                     boolean handoff, List<Guardrail> guardrails, Integer tokensIn, Integer tokensOut) {

    public Answer(Reply reply, Intent intent, String responder, String recommendationId, boolean fallback,
                  boolean handoff) {
        this(reply, intent, responder, recommendationId, fallback, handoff, List.of(), null, null);
    }

    public List<String> titleIds() {
        return reply.cards().stream().map(Reply.Card::titleId).toList();
    }

    /** The same answer with another reply and more guardrails. */
    public Answer guarded(Reply newReply, List<Guardrail> triggered, boolean newFallback) {
        List<Guardrail> all = new ArrayList<>(guardrails);
        triggered.stream().filter(g -> !all.contains(g)).forEach(all::add);
        return new Answer(newReply, intent, responder, recommendationId, newFallback, handoff, List.copyOf(all),
                tokensIn, tokensOut);
    }
}
