package dev.marquee.dialogue.config;

import dev.marquee.outbox.RetentionSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Configuration of dialogue-service ({@code marquee.dialogue.*}). */
@ConfigMapping(prefix = "marquee.dialogue")
public interface DialogueConfig {
    /** Persona of new conversations when the user's brand has no default persona of its own. */
    @WithDefault("marquee-host")
    String defaultPersona();

    /** Personas to load at start, each from {@code personas/<id>.json} on the class path. */
    List<String> personas();

    /** Content cards per reply at most. */
    @WithDefault("3")
    int maxCards();

    /**
     * Where a card's image is, with {@code {titleId}} as placeholder. The default is the poster this service
     * draws itself, at its public path (the gateway relays it; clients reach nothing else); point it at the
     * brand's image CDN in production.
     */
    @WithDefault("/api/v1/posters/{titleId}.svg")
    String cardImageUrl();

    /**
     * Texts whose embedding is kept (most recently used first): users repeat themselves and quick replies are the
     * same words. 0 embeds every message (benchmarks use it to measure the model on every turn).
     */
    @WithDefault("4096")
    int embeddingCacheSize();

    Memory memory();

    Intents intents();

    Guardrails guardrails();

    Catalog catalog();

    Retention retention();

    /** Chat memory. */
    interface Memory {
        /** Messages (user and assistant) a conversation's memory keeps; older ones fall out of the window. */
        @WithDefault("20")
        int maxMessages();
    }

    /** Intent detection by nearest exemplars in the embedding space. */
    interface Intents {
        /** Below this similarity to the best intent, a message is out of scope. */
        @WithDefault("0.50")
        double minScore();

        /** Exemplars per intent whose similarities are averaged. */
        @WithDefault("3")
        int neighbours();
    }

    /** Input guardrails. */
    interface Guardrails {
        /** Longer messages are politely declined (the request body limit is far higher). */
        @WithDefault("1000")
        int maxMessageChars();

        /** Similarity to abusive exemplars above which a message is abusive (when it is also nearer to them). */
        @WithDefault("0.40")
        double abuseThreshold();
    }

    /** The catalog as this service indexes it. */
    interface Catalog {
        /** How often the catalog index is reloaded from recommendation-service. */
        @WithDefault("5m")
        Duration refresh();

        /** Minimum similarity for a title to count as matching a free-text search. */
        @WithDefault("0.30")
        double minRelevance();

        /** Titles fetched per page while indexing. */
        @WithDefault("100")
        int pageSize();
    }

    /**
     * How long personal data is kept ({@code marquee.dialogue.retention.*}), enforced by
     * {@link dev.marquee.dialogue.privacy.DialogueRetention}; a period of 0 keeps that data forever. The schedule
     * ({@code check-interval}, {@code initial-delay}, {@code batch-size}) is {@link RetentionSettings}.
     */
    interface Retention extends RetentionSettings {
        /**
         * Transcripts: a turn (the user's words and the reply) is deleted this long after it was written, with
         * its feedback; a conversation when its last turn went; the chat memory with its conversation, or as
         * soon as its window may still hold the words of a deleted turn.
         */
        @WithDefault("365d")
        Duration transcripts();

        /** Thumbs up or down on a turn, counted from the last rating; never longer than the turn itself. */
        @WithDefault("365d")
        Duration feedback();
    }
}
