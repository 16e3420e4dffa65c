package dev.marquee.dialogue.ai;

import dev.marquee.dialogue.Turn;
import dev.marquee.dialogue.catalog.Audience;
import dev.marquee.dialogue.persona.Persona;

import java.util.List;
import java.util.UUID;

/**
 * Everything a responder may know for one turn. Built from the verified token, the consent view and the
 * stored conversation, before any responder runs.
 *
 * @param userId          verified user id
 * @param brand           brand (tenant)
 * @param bearer          the user's token, to call recommendation-service on their behalf
 * @param persona         the persona speaking
 * @param audience        what may be shown: persona topics, age rating and region
 * @param personalization whether the user consented to personalization (history and profile may be used)
 * @param conversationId  the conversation (a fresh id for a new one)
 * @param handedOff       whether the conversation waits for a human, so the assistant does not answer
 * @param earlierTurns    this conversation's recent turns, oldest first
 */
public record TurnContext(String userId, String brand, String bearer, Persona persona, Audience audience,
                          boolean personalization, UUID conversationId, boolean handedOff,
                          List<Turn> earlierTurns) {

    /** The memory id of LangChain4j chat memory: the conversation, owned by the verified user. */
    public String memoryId() {
        return conversationId + ":" + userId;
    }
}
