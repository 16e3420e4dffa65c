package dev.marquee.recommendation.config;

import dev.marquee.outbox.RetentionSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of recommendation-service ({@code marquee.recommendation.*}). */
@ConfigMapping(prefix = "marquee.recommendation")
public interface RecommendationConfig {

    Catalog catalog();

    Trending trending();

    Model model();

    Content content();

    /**
     * Weight of each interaction type, keyed by the type's wire name (impression, click, play, complete, like,
     * dislike, rating, purchase). A rating contributes its weight times (stars - 3). Positive weights are
     * positive feedback for the collaborative and profile scorers.
     */
    Map<String, Double> weights();

    /** Named blends of the scorers; requests and experiment variants choose one by name. */
    Map<String, StrategyConfig> strategies();

    /** The strategy of users outside any experiment and of requests that name none. */
    @WithDefault("hybrid")
    String defaultStrategy();

    Experiment experiment();

    /** Largest page a client may ask for. */
    @WithDefault("50")
    int maxResults();

    /**
     * How long served lists were kept, before {@code retention.served-lists}; still honoured when that is not set.
     *
     * @deprecated use {@code marquee.recommendation.retention.served-lists}
     */
    @Deprecated
    Optional<Duration> servedListRetention();

    Retention retention();

    /**
     * How long personal data is kept ({@code marquee.recommendation.retention.*}), enforced by
     * {@link dev.marquee.recommendation.service.RecommendationRetention}; a period of 0 keeps that data forever.
     * The schedule ({@code check-interval}, {@code initial-delay}, {@code batch-size}) is {@link RetentionSettings}.
     */
    interface Retention extends RetentionSettings {
        /**
         * Interactions, counted from when they happened: deleted from PostgreSQL, and every instance's model forgets
         * them (trending, co-occurrence, the user's history and profile).
         */
        @WithDefault("400d")
        Duration interactions();

        /** Served lists, kept for paging and attribution (formerly {@code served-list-retention}). */
        @WithDefault("${marquee.recommendation.served-list-retention:1d}")
        Duration servedLists();
    }

    interface Catalog {
        /** Import the bundled demo catalogs at start when the catalog is empty. */
        @WithDefault("true")
        boolean importDemo();

        /** Class-path resources of the demo catalog (JSON Lines), imported in this order. */
        @WithDefault("catalog/demo-catalog.jsonl,catalog/generated-catalog.jsonl")
        List<String> demoResources();

        /** How often an instance checks whether the catalog changed (admin API on any instance). */
        @WithDefault("5s")
        Duration refreshInterval();
    }

    interface Trending {
        /** Half-life of an interaction's influence on trending. */
        @WithDefault("7d")
        Duration halfLife();

        /** How often the trending order is re-sorted. */
        @WithDefault("1s")
        Duration refresh();
    }

    interface Model {
        /** How many of a user's most recent positive titles a new one is paired with (co-occurrence). */
        @WithDefault("10")
        int window();

        /** How many co-occurring titles each title keeps. */
        @WithDefault("50")
        int neighbours();

        /** How many of a user's most recent positive titles the personal scorers look at. */
        @WithDefault("20")
        int history();

        /** How many trending titles of each of the user's favourite genres join the candidate pool. */
        @WithDefault("40")
        int genreCandidates();
    }

    interface Content {
        /** Compute content embeddings of titles in the background (all-MiniLM-L6-v2, in process). */
        @WithDefault("true")
        boolean enabled();

        /** Titles embedded per batch. */
        @WithDefault("64")
        int batchSize();
    }

    /** A blend of the scorers: weights of trending, collaborative, content and profile, diversity and pool. */
    interface StrategyConfig {
        @WithDefault("0")
        double trending();

        @WithDefault("0")
        double collaborative();

        @WithDefault("0")
        double content();

        @WithDefault("0")
        double profile();

        /** 0 keeps the blend's order; towards 1 favours variety (maximal marginal relevance). */
        @WithDefault("0.2")
        double diversity();

        /** Trending titles in the candidate pool beside the personal candidates. */
        @WithDefault("100")
        int pool();
    }

    /**
     * An experiment: each user is assigned to one variant by a hash of the experiment name and the user id, so
     * the assignment is stable across requests and instances; each variant serves one strategy.
     */
    interface Experiment {
        /** The experiment's name; no name, no experiment. */
        Optional<String> name();

        /** Variant name → strategy and share. */
        Map<String, Variant> variants();

        interface Variant {
            String strategy();

            /** Share of users in percent; the shares of an experiment add up to 100. */
            int share();
        }
    }
}
