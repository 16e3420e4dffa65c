package dev.marquee.recommendation.model;

import dev.marquee.recommendation.TitleKind;

import java.time.Instant;
import java.util.List;

/**
 * What the recommender knows of a catalog title: enough to filter, score, diversify and explain.
 *
 * @param availableUntil null when the title stays available
 * @param vector         unit-length content embedding of synopsis and genres, or null while it is computed
 */
public record TitleFacts(String id, TitleKind kind, String name, List<String> genres, List<String> tags, int year,
                         int ageRating, List<String> regions, Instant availableFrom, Instant availableUntil,
                         float[] vector) {

    public TitleFacts withVector(float[] value) {
        return new TitleFacts(id, kind, name, genres, tags, year, ageRating, regions, availableFrom, availableUntil,
                value);
    }
}
