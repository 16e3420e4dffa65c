package dev.marquee.dialogue.llm;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The LangChain4j AI service behind personas whose model is {@code openai}: the OpenAI-compatible model of
 * {@code quarkus.langchain4j.openai.*}, with the catalog tools, the PostgreSQL chat memory (the
 * {@link dev.marquee.dialogue.memory.ConversationMemory} bean) and catalog retrieval. The persona's system prompt
 * and the user's limits are passed per call. Application-scoped: a request-scoped AI service would clear the
 * memories it used at the end of each request, and with a persistent store that deletes the conversation.
 */
@ApplicationScoped
@RegisterAiService(tools = CatalogTools.class, retrievalAugmentor = CatalogRetrieval.class)
public interface BrandAssistant {

    @SystemMessage("{instructions}")
    Result<String> chat(@MemoryId String memoryId, @UserMessage String message, @V("instructions") String instructions);

    @SystemMessage("{instructions}")
    TokenStream stream(@MemoryId String memoryId, @UserMessage String message, @V("instructions") String instructions);
}
