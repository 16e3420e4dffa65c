package dev.marquee.dialogue.ai;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A rich reply: text plus content cards and quick replies.
 *
 * @param text         what the assistant says
 * @param cards        titles presented, in order
 * @param quickReplies suggested next messages
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reply(String text, List<Card> cards, List<String> quickReplies) {

    /**
     * A content card: one catalog title and why it is shown.
     *
     * @param titleId catalog id
     * @param name    title name
     * @param kind    movie, series, episode, game or live_event
     * @param year    release year
     * @param reason  why it is shown
     */
    public record Card(String titleId, String name, String kind, int year, String reason) {
    }
}
