package dev.marquee.recommendation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Configuration of recommendation-service ({@code marquee.recommendation.*}). */
@ConfigMapping(prefix = "marquee.recommendation")
public interface RecommendationConfig {

    Catalog catalog();

    Trending trending();

    /**
     * Weight of each interaction type in popularity, keyed by the type's wire name (impression, click, play,
     * complete, like, dislike, rating, purchase). A rating contributes its weight times (stars - 3).
     */
    Map<String, Double> weights();

    /** Largest page a client may ask for. */
    @WithDefault("50")
    int maxResults();

    interface Catalog {
        /** Import the bundled demo catalog at start when the catalog is empty. */
        @WithDefault("true")
        boolean importDemo();

        /** Class-path resource of the demo catalog (JSON Lines). */
        @WithDefault("catalog/demo-catalog.jsonl")
        String demoResource();
    }

    interface Trending {
        /** Half-life of an interaction's influence on trending. */
        @WithDefault("7d")
        Duration halfLife();

        /** Fixed reference time of the decayed scores; changing it requires rebuilding title_popularity. */
        @WithDefault("2026-01-01T00:00:00Z")
        Instant decayEpoch();
    }
}
