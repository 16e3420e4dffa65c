package dev.marquee.recommendation.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogItemTest {

    private static CatalogItem item(String name, List<String> genres, List<String> tags, String synopsis) {
        return new CatalogItem("mv-0002", "movie", name, synopsis, genres, tags, List.of(), 2023, 126, 12,
                List.of("US"));
    }

    @Test
    void contentTextJoinsNameGenresTagsAndSynopsis() {
        CatalogItem item = item("Orbit of Small Things", List.of("sci-fi", "space opera"), List.of("tense", "hopeful"),
                "Two engineers on a failing space station race to repair it.");
        assertThat(item.contentText()).isEqualTo("Orbit of Small Things. sci-fi, space opera. tense, hopeful. "
                + "Two engineers on a failing space station race to repair it.");
    }

    @Test
    void contentTextLeavesOutEmptyPartsAndKeepsExistingPunctuation() {
        CatalogItem item = item("Who Took the Cake?", List.of("comedy"), List.of(), "A baker investigates");
        assertThat(item.contentText()).isEqualTo("Who Took the Cake? comedy. A baker investigates.");
    }

    @Test
    void listsAreCopiedAndUnknownKindsRejected() {
        List<String> genres = new ArrayList<>(List.of("drama"));
        CatalogItem item = item("Name", genres, null, "Synopsis.");
        genres.add("horror");
        assertThat(item.genres()).containsExactly("drama");
        assertThat(item.tags()).isEmpty();
        assertThatThrownBy(() -> new CatalogItem("xx-1", "podcast", "n", "s", List.of("drama"), List.of(), List.of(),
                2020, null, 0, List.of("US"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void datasetSortsItsInteractionsByTimeStably() {
        List<LoggedInteraction> log = List.of(
                new LoggedInteraction("u1", "mv-1", "play", null, 30),
                new LoggedInteraction("u1", "mv-2", "play", null, 10),
                new LoggedInteraction("u2", "mv-1", "click", null, 30),
                new LoggedInteraction("u3", "mv-2", "like", null, 20));
        Dataset dataset = new Dataset("tiny", List.of(), log);
        assertThat(dataset.interactions()).extracting(LoggedInteraction::timestampMillis)
                .containsExactly(10L, 20L, 30L, 30L);
        assertThat(dataset.interactions().get(2).userId()).isEqualTo("u1");
        assertThat(dataset.userCount()).isEqualTo(3);
    }
}
