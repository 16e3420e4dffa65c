package dev.marquee.recommendation.service;

import dev.marquee.recommendation.TitleKind;

import java.util.EnumSet;
import java.util.Set;

/**
 * Filters a client may apply to recommendations and search.
 *
 * @param genre        only titles of this genre
 * @param kinds        only titles of these kinds; empty means every kind
 * @param region       only titles available in this country (ISO 3166 alpha-2)
 * @param maxAgeRating only titles rated at or below this minimum age
 */
public record TitleFilter(String genre, Set<TitleKind> kinds, String region, Integer maxAgeRating) {
    public static final TitleFilter NONE = new TitleFilter(null, Set.of(), null, null);

    public TitleFilter {
        kinds = kinds == null || kinds.isEmpty() ? Set.of() : Set.copyOf(kinds);
    }

    /**
     * This filter, or when it names no kind, every kind but single episodes: lists recommend a series rather
     * than its episodes.
     */
    public TitleFilter forRecommendations() {
        return kinds.isEmpty()
                ? new TitleFilter(genre, EnumSet.complementOf(EnumSet.of(TitleKind.EPISODE)), region, maxAgeRating)
                : this;
    }
}
