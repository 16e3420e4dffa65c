package dev.marquee.recommendation.service;

import dev.marquee.recommendation.TitleKind;

/**
 * Filters a client may apply to recommendations and search.
 *
 * @param genre        only titles of this genre
 * @param kind         only titles of this kind
 * @param region       only titles available in this country (ISO 3166 alpha-2)
 * @param maxAgeRating only titles rated at or below this minimum age
 */
public record TitleFilter(String genre, TitleKind kind, String region, Integer maxAgeRating) {
    public static final TitleFilter NONE = new TitleFilter(null, null, null, null);
}
