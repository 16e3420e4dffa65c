package dev.marquee.recommendation.service;

import dev.marquee.commons.rest.Patterns;
import dev.marquee.recommendation.Title;
import dev.marquee.recommendation.TitleKind;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A catalog title as imported from JSON Lines and as returned by the API. */
public record CatalogEntry(
        @NotBlank @Pattern(regexp = Patterns.TITLE_ID) String id,
        @NotNull TitleKind kind,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 2000) String synopsis,
        @NotEmpty List<@Pattern(regexp = "[a-z][a-z -]{0,39}") String> genres,
        List<@NotBlank String> tags,
        List<@NotBlank String> cast,
        @Min(1888) @Max(2100) int year,
        @Min(1) Integer runtimeMinutes,
        @NotNull Integer ageRating,
        @NotEmpty List<@Pattern(regexp = "[A-Z]{2}") String> regions,
        @NotNull Instant availableFrom,
        Instant availableUntil) {

    /** The minimum ages the catalog knows. */
    public static final Set<Integer> AGE_RATINGS = Set.of(0, 7, 12, 16, 18);

    @AssertTrue(message = "ageRating must be one of 0, 7, 12, 16 or 18")
    public boolean isAgeRatingKnown() {
        return ageRating == null || AGE_RATINGS.contains(ageRating);
    }

    @AssertTrue(message = "availableUntil must be after availableFrom")
    public boolean isAvailabilityWindowValid() {
        return availableUntil == null || availableFrom == null || availableUntil.isAfter(availableFrom);
    }

    public Title toTitle(Instant now) {
        Title t = new Title();
        t.id = id;
        t.kind = kind;
        t.name = name;
        t.synopsis = synopsis;
        t.genres = List.copyOf(genres);
        t.tags = tags == null ? List.of() : List.copyOf(tags);
        t.cast = cast == null ? List.of() : List.copyOf(cast);
        t.year = year;
        t.runtimeMinutes = runtimeMinutes;
        t.ageRating = ageRating;
        t.regions = List.copyOf(regions);
        t.availableFrom = availableFrom;
        t.availableUntil = availableUntil;
        t.updatedAt = now;
        return t;
    }
}
