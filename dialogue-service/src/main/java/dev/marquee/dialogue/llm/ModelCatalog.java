package dev.marquee.dialogue.llm;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The language models personas may choose besides the offline responder. {@code openai} is the
 * OpenAI-compatible endpoint configured under {@code quarkus.langchain4j.openai.*} (OpenAI, Azure OpenAI, vLLM,
 * llama.cpp server, Ollama): base URL, key, model name, timeout and retries are configuration.
 */
@ApplicationScoped
public class ModelCatalog {
    public static final String OPENAI = "openai";

    private final OpenAiResponder openai;

    public ModelCatalog(OpenAiResponder openai) {
        this.openai = openai;
    }

    public Set<String> names() {
        return Set.of(OPENAI);
    }

    public ModelResponder responder(String name) {
        if (OPENAI.equals(name)) {
            return openai;
        }
        throw new IllegalArgumentException("no model named " + name);
    }
}
