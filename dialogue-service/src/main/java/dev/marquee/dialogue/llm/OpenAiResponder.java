package dev.marquee.dialogue.llm;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.Result;
import dev.marquee.dialogue.ai.Answer;
import dev.marquee.dialogue.ai.Intent;
import dev.marquee.dialogue.ai.OfflineResponder;
import dev.marquee.dialogue.ai.Reply;
import dev.marquee.dialogue.ai.TurnContext;
import dev.marquee.dialogue.catalog.CatalogIndex;
import dev.marquee.dialogue.catalog.CatalogTitle;
import dev.marquee.dialogue.config.DialogueConfig;
import dev.marquee.dialogue.persona.Persona;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Answers through {@link BrandAssistant}. The intent is still detected by the embedding classifier (for
 * analytics and handoff); cards are the titles the tools and the retriever found, in the order the reply names
 * them. When the model fails (down, timing out, rate-limited after its retries), the offline responder answers
 * instead and the metadata says so.
 */
@ApplicationScoped
public class OpenAiResponder implements ModelResponder {
    private static final Logger LOG = Logger.getLogger(OpenAiResponder.class);

    private final BrandAssistant assistant;
    private final ActiveTurns turns;
    private final OfflineResponder offline;
    private final CatalogIndex index;
    private final DialogueConfig config;
    private final MeterRegistry registry;
    private final String modelName;
    private final long timeoutSeconds;

    public OpenAiResponder(BrandAssistant assistant, ActiveTurns turns, OfflineResponder offline, CatalogIndex index,
                           DialogueConfig config, MeterRegistry registry,
                           @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name",
                                   defaultValue = "gpt-4o-mini") String modelName,
                           @ConfigProperty(name = "marquee.dialogue.model-timeout", defaultValue = "60")
                           long timeoutSeconds) {
        this.assistant = assistant;
        this.turns = turns;
        this.offline = offline;
        this.index = index;
        this.config = config;
        this.registry = registry;
        this.modelName = modelName;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The responder name in reply metadata and events. */
    public String name() {
        return ModelCatalog.OPENAI + "/" + modelName;
    }

    @Override
    public Answer answer(String message, TurnContext ctx, Consumer<String> tokens) {
        OfflineResponder.Understanding understanding = offline.understand(message, ctx.persona());
        if (understanding.intent() == Intent.TALK_TO_HUMAN) {
            return offline.answer(message, ctx, understanding);
        }
        ActiveTurns.Active turn = turns.begin(ctx);
        try {
            String text;
            TokenUsage usage;
            if (tokens == null) {
                Result<String> result = assistant.chat(ctx.memoryId(), message, instructions(ctx));
                text = result.content();
                usage = result.tokenUsage();
            } else {
                CompletableFuture<ChatResponse> done = new CompletableFuture<>();
                assistant.stream(ctx.memoryId(), message, instructions(ctx))
                        .onPartialResponse(tokens)
                        .onCompleteResponse(done::complete)
                        .onError(done::completeExceptionally)
                        .start();
                ChatResponse response = done.get(timeoutSeconds, TimeUnit.SECONDS);
                text = response.aiMessage().text();
                usage = response.tokenUsage();
            }
            List<Reply.Card> cards = cards(text, turn.found());
            Reply reply = new Reply(text == null ? "" : text, cards, ctx.persona().quickReplies(),
                    OfflineResponder.actions(cards));
            if (usage != null) {
                count("in", usage.inputTokenCount(), ctx.persona());
                count("out", usage.outputTokenCount(), ctx.persona());
            }
            return new Answer(reply, understanding.intent(), name(), null, false, false, List.of(),
                    usage == null ? null : usage.inputTokenCount(), usage == null ? null : usage.outputTokenCount());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("model %s failed, the offline responder answers instead: %s", name(), e.toString());
            registry.counter("marquee.dialogue.model.failures", "model", name()).increment();
            return offline.answer(message, ctx, understanding);
        } finally {
            turns.end(ctx);
        }
    }

    /** The found titles the reply names, in the order it names them; all found ones when it names none. */
    private List<Reply.Card> cards(String text, List<CatalogTitle> found) {
        Map<String, CatalogTitle> unique = new LinkedHashMap<>();
        found.forEach(t -> unique.putIfAbsent(t.id(), t));
        String normalised = text == null ? "" : CatalogIndex.normalise(text);
        List<CatalogTitle> named = new ArrayList<>(unique.values().stream()
                .filter(t -> normalised.contains(CatalogIndex.normalise(t.name())))
                .sorted(java.util.Comparator.comparingInt(t -> normalised.indexOf(CatalogIndex.normalise(t.name()))))
                .toList());
        List<CatalogTitle> shown = named.isEmpty() ? List.copyOf(unique.values()) : named;
        return shown.stream().limit(config.maxCards()).map(t -> offline.card(t, "Picked for you")).toList();
    }

    private static String instructions(TurnContext ctx) {
        Persona p = ctx.persona();
        return p.systemPrompt() + "\n\nReply in the language '" + p.language() + "'. Present only these kinds of "
                + "title: " + String.join(", ", ctx.audience().kinds()) + ". This user may be shown titles rated up "
                + "to " + ctx.audience().maxAgeRating() + "+ in region " + ctx.audience().region() + ". Name only "
                + "titles returned by the tools or given as catalog context, each in double quotes."
                + (ctx.personalization() ? "" : " The user has not consented to personalization: do not use or "
                + "ask about their history.");
    }

    private void count(String direction, Integer tokens, Persona persona) {
        if (tokens != null) {
            registry.counter("marquee.dialogue.model.tokens", "model", name(), "persona", persona.id(),
                    "direction", direction).increment(tokens);
        }
    }
}
