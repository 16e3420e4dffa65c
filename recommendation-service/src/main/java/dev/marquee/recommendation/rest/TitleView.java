package dev.marquee.recommendation.rest;

import dev.marquee.recommendation.Title;
import dev.marquee.recommendation.TitleKind;

import java.time.Instant;
import java.util.List;

/** A catalog title as the API returns it. */
public record TitleView(String id, TitleKind kind, String name, String synopsis, List<String> genres,
                        List<String> tags, List<String> cast, int year, Integer runtimeMinutes, int ageRating,
                        List<String> regions, Instant availableFrom, Instant availableUntil) {

    static TitleView of(Title t) {
        return new TitleView(t.id, t.kind, t.name, t.synopsis, t.genres, t.tags, t.cast, t.year, t.runtimeMinutes,
                t.ageRating, t.regions, t.availableFrom, t.availableUntil);
    }
}
