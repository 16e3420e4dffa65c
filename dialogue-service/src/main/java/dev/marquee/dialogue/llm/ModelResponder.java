package dev.marquee.dialogue.llm;

import dev.marquee.dialogue.ai.Answer;
import dev.marquee.dialogue.ai.TurnContext;

import java.util.function.Consumer;

/** A responder backed by a language model. */
public interface ModelResponder {
    /**
     * Answers a message; writes the exchange to the conversation's chat memory.
     *
     * @param tokens receives the reply's text as it is produced, or null when the caller does not stream
     */
    Answer answer(String message, TurnContext ctx, Consumer<String> tokens);
}
