package dev.marquee.recommendation.eval;

import dev.marquee.recommendation.service.ContentVectors;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A catalog title as the offline evaluation and the synthetic generator see it: the fields of the catalog's JSON
 * Lines format without the availability window. Kind is a wire name: movie, series, episode, game or live_event.
 */
public record CatalogItem(
        String id,
        String kind,
        String name,
        String synopsis,
        List<String> genres,
        List<String> tags,
        List<String> cast,
        int year,
        Integer runtimeMinutes,
        int ageRating,
        List<String> regions) {

    /** The title kinds, by wire name. */
    public static final Set<String> KINDS = Set.of("movie", "series", "episode", "game", "live_event");

    public CatalogItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(synopsis, "synopsis");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown title kind '" + kind + "' for " + id);
        }
        genres = List.copyOf(genres);
        tags = tags == null ? List.of() : List.copyOf(tags);
        cast = cast == null ? List.of() : List.copyOf(cast);
        regions = List.copyOf(regions);
    }

    /** The text the content model embeds for this title (see {@link ContentVectors#contentText}). */
    public String contentText() {
        return ContentVectors.contentText(name, genres, tags, synopsis);
    }
}
