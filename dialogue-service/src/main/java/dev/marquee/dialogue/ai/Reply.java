package dev.marquee.dialogue.ai;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A rich reply: text, content cards, quick replies and actions. Its JSON form is described by
 * {@code docs/reply.schema.json}.
 *
 * @param text         what the assistant says
 * @param cards        titles presented, in order
 * @param quickReplies suggested next messages, to show as buttons that send their text
 * @param actions      things the client app can do for the user
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reply(String text, List<Card> cards, List<String> quickReplies, List<Action> actions) {

    public Reply(String text, List<Card> cards, List<String> quickReplies) {
        this(text, cards, quickReplies, List.of());
    }

    public Reply withText(String newText) {
        return new Reply(newText, cards, quickReplies, actions);
    }

    public Reply withCards(List<Card> newCards) {
        return new Reply(text, newCards, quickReplies, actions);
    }

    /**
     * A content card: one catalog title and why it is shown.
     *
     * @param titleId   catalog id
     * @param name      title name
     * @param kind      movie, series, episode, game or live_event
     * @param year      release year
     * @param ageRating age rating
     * @param image     picture of the title
     * @param reason    why it is shown, in words the user can read
     */
    public record Card(String titleId, String name, String kind, int year, int ageRating, String image,
                       String reason) {
    }

    /**
     * Something the client app can do: open or play a title, or ask for a person.
     *
     * @param type    {@code open_title}, {@code play}, {@code more_like_this} or {@code talk_to_human}
     * @param label   button text
     * @param titleId the title it is about, for title actions
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String type, String label, String titleId) {
    }
}
