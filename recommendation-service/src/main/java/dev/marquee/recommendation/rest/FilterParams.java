package dev.marquee.recommendation.rest;

import dev.marquee.recommendation.TitleKind;
import dev.marquee.recommendation.service.TitleFilter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The filter query parameters shared by recommendation and search endpoints. */
public class FilterParams {
    @QueryParam("genre")
    @Pattern(regexp = "[a-z][a-z -]{0,39}", message = "must be a lower-case genre name")
    public String genre;

    /** Repeatable: {@code kind=movie&kind=series}. */
    @QueryParam("kind")
    public List<@Pattern(regexp = "movie|series|episode|game|live_event",
            message = "must be one of movie, series, episode, game, live_event") String> kind;

    @QueryParam("region")
    @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code")
    public String region;

    @QueryParam("maxAgeRating")
    @Min(0)
    @Max(18)
    public Integer maxAgeRating;

    TitleFilter toFilter() {
        Set<TitleKind> kinds = kind == null ? Set.of()
                : kind.stream().map(TitleKind::fromWireName).collect(Collectors.toSet());
        return new TitleFilter(genre, kinds, region, maxAgeRating);
    }
}
