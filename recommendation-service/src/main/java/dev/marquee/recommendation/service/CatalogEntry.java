package dev.marquee.recommendation.service;

import dev.marquee.recommendation.Title;
import dev.marquee.recommendation.TitleKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** A catalog title as imported from JSON Lines and as returned by the API. */
public record CatalogEntry(
        @NotBlank @Pattern(regexp = "[a-z]{2}-[0-9a-z-]{1,60}") String id,
        @NotNull TitleKind kind,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 2000) String synopsis,
        @NotEmpty List<@Pattern(regexp = "[a-z][a-z -]{0,39}") String> genres,
        List<@NotBlank String> tags,
        List<@NotBlank String> cast,
        @Min(1888) @Max(2100) int year,
        @Min(1) Integer runtimeMinutes,
        @NotNull @Min(0) @Max(18) Integer ageRating,
        @NotEmpty List<@Pattern(regexp = "[A-Z]{2}") String> regions,
        @NotNull Instant availableFrom,
        Instant availableUntil) {

    public static CatalogEntry of(Title t) {
        return new CatalogEntry(t.id, t.kind, t.name, t.synopsis, t.genres, t.tags, t.cast, t.year, t.runtimeMinutes,
                t.ageRating, t.regions, t.availableFrom, t.availableUntil);
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
