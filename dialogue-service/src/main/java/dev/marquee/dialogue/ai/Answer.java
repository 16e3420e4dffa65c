package dev.marquee.dialogue.ai;

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
 */
public record Answer(Reply reply, Intent intent, String responder, String recommendationId, boolean fallback,
                     boolean handoff) {

    public List<String> titleIds() {
        return reply.cards().stream().map(Reply.Card::titleId).toList();
    }
}
