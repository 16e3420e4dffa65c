package dev.marquee.dialogue.catalog;

import java.time.Instant;
import java.util.List;

/** A catalog title as recommendation-service describes it. */
public record CatalogTitle(String id, String kind, String name, String synopsis, List<String> genres,
                           List<String> tags, List<String> cast, int year, Integer runtimeMinutes, int ageRating,
                           List<String> regions, Instant availableFrom, Instant availableUntil) {

    /** What the assistant may show this user here and now. */
    public boolean allowedFor(Audience audience, Instant now) {
        return audience.kinds().contains(kind)
                && ageRating <= audience.maxAgeRating()
                && (regions == null || regions.isEmpty() || regions.contains(audience.region()))
                && (availableFrom == null || !availableFrom.isAfter(now))
                && (availableUntil == null || availableUntil.isAfter(now));
    }

    /** The text its embedding is made of. */
    String document() {
        return name + ". " + kind.replace('_', ' ') + ". " + String.join(", ", genres) + ". "
                + String.join(", ", tags == null ? List.of() : tags) + ". " + synopsis;
    }
}
