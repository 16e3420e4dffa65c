package dev.marquee.dialogue.memory;

import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.marquee.dialogue.config.DialogueConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Each conversation's memory: a window of its most recent messages, persisted in PostgreSQL. The language
 * model path reads and writes it through LangChain4j; the offline path writes its exchanges to it too, so a
 * persona switched to a model continues with the whole context.
 */
@ApplicationScoped
public class ConversationMemory implements ChatMemoryProvider {
    private final PostgresChatMemoryStore store;
    private final DialogueConfig config;

    public ConversationMemory(PostgresChatMemoryStore store, DialogueConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public ChatMemory get(Object memoryId) {
        return MessageWindowChatMemory.builder()
                .id(memoryId)
                .maxMessages(config.memory().maxMessages())
                .chatMemoryStore(store)
                .build();
    }
}
