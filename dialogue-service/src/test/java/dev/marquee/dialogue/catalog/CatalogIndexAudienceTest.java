package dev.marquee.dialogue.catalog;

import dev.marquee.dialogue.ai.Offline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A search tests each title against the audience through a set worked out once per audience; these pin down that
 * the set is the audience's own (kinds, age rating, region) and follows availability windows as time passes.
 */
class CatalogIndexAudienceTest {
    private static final Audience ADULT_ANYWHERE = new Audience(List.of("movie", "series"), 18, "US");

    private static CatalogTitle title(String id, String kind, int ageRating, List<String> regions, Instant from,
                                      Instant until) {
        return new CatalogTitle(id, kind, "Title " + id, "A story about the sea.", List.of("drama"), List.of(),
                List.of(), 2020, 100, ageRating, regions, from, until);
    }

    private static List<String> found(CatalogIndex index, Audience audience) {
        return index.where(t -> true, "the sea", audience, 10).stream().map(m -> m.title().id()).sorted().toList();
    }

    @Test
    void eachAudienceSeesOnlyItsOwnTitles() {
        CatalogIndex index = new CatalogIndex(null, Offline.EMBEDDINGS, null);
        index.index(List.of(
                title("mv-all", "movie", 0, List.of(), null, null),
                title("mv-adult", "movie", 18, List.of(), null, null),
                title("mv-de", "movie", 0, List.of("DE"), null, null),
                title("gm-all", "game", 0, List.of(), null, null)));
        assertThat(found(index, ADULT_ANYWHERE)).containsExactly("mv-adult", "mv-all");
        assertThat(found(index, new Audience(List.of("movie"), 12, "DE"))).containsExactly("mv-all", "mv-de");
        assertThat(found(index, new Audience(List.of("game"), 18, "US"))).containsExactly("gm-all");
        // Asked again, from the remembered sets.
        assertThat(found(index, ADULT_ANYWHERE)).containsExactly("mv-adult", "mv-all");
        assertThat(found(index, new Audience(List.of("movie"), 12, "DE"))).containsExactly("mv-all", "mv-de");
    }

    @Test
    void titlesEnterAndLeaveWithTheirAvailabilityWindows() {
        CatalogIndex index = new CatalogIndex(null, Offline.EMBEDDINGS, null);
        Instant now = Instant.now();
        index.index(List.of(
                title("mv-always", "movie", 0, List.of(), null, null),
                title("mv-leaving", "movie", 0, List.of(), null, now.plusMillis(3000)),
                title("mv-coming", "movie", 0, List.of(), now.plusMillis(3000), null),
                title("mv-gone", "movie", 0, List.of(), null, now.minusSeconds(1))));
        assertThat(found(index, ADULT_ANYWHERE)).containsExactly("mv-always", "mv-leaving");
        // Once the boundary passes, the same audience's remembered set is worked out again.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(found(index, ADULT_ANYWHERE)).containsExactly("mv-always", "mv-coming"));
        assertThat(Instant.now()).isAfter(now.plusMillis(3000));
    }
}
