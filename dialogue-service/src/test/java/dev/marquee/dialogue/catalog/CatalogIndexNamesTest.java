package dev.marquee.dialogue.catalog;

import dev.marquee.dialogue.ai.Offline;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names are found through their first word: these pin down that the shortcut finds exactly what a test of
 * every name would (whole words only, longest names first, punctuation, "The" dropped, surnames).
 */
class CatalogIndexNamesTest {

    private static CatalogTitle title(String id, String name, List<String> cast) {
        return new CatalogTitle(id, "movie", name, "A story.", List.of("drama"), List.of(), cast, 2020, 100, 12,
                List.of(), null, null);
    }

    private static CatalogIndex index() {
        CatalogIndex index = new CatalogIndex(null, Offline.EMBEDDINGS, null);
        index.index(List.of(
                title("mv-1", "Orbit", List.of("Mara Quill")),
                title("mv-2", "Orbit of Small Things", List.of("Jon Ashby")),
                title("mv-3", "X-Men of Tomorrow", List.of()),
                title("mv-4", "'71 Summers", List.of()),
                title("mv-5", "The Lantern Keepers", List.of("Ana Ño")),
                title("mv-6", "Ocean's Reckoning", List.of())));
        return index;
    }

    private static List<String> ids(List<CatalogTitle> titles) {
        return titles.stream().map(CatalogTitle::id).toList();
    }

    @Test
    void titlesAreFoundAsWholeWordsLongestFirst() {
        CatalogIndex index = index();
        assertThat(ids(index.titlesNamedIn("Is Orbit of Small Things better than Orbit?")))
                .containsExactly("mv-2", "mv-1");
        assertThat(ids(index.titlesNamedIn("tell me about orbit of small things"))).containsExactly("mv-2", "mv-1");
        assertThat(index.titlesNamedIn("what about orbital mechanics or suborbit")).isEmpty();
        assertThat(ids(index.titlesNamedIn("I liked x-men of tomorrow and '71 summers")))
                .containsExactlyInAnyOrder("mv-3", "mv-4");
        assertThat(ids(index.titlesNamedIn("lantern keepers, please"))).containsExactly("mv-5");
        assertThat(ids(index.titlesNamedIn("Ocean’s Reckoning!"))).containsExactly("mv-6");
        assertThat(index.titlesNamedIn("ocean reckoning")).isEmpty();
        assertThat(index.titlesNamedIn("")).isEmpty();
    }

    @Test
    void castIsFoundByFullNameOrSurname() {
        CatalogIndex index = index();
        assertThat(index.actorNamedIn("films with mara quill")).contains("Mara Quill");
        assertThat(index.actorNamedIn("anything by Quill?")).contains("Mara Quill");
        assertThat(index.actorNamedIn("something with quills")).isEmpty();
        assertThat(index.actorNamedIn("who is jon ashby")).contains("Jon Ashby");
        assertThat(index.actorNamedIn("Ana Ño")).contains("Ana Ño");
    }

    @Test
    void maskingReplacesTitlesThenCast() {
        CatalogIndex index = index();
        assertThat(index.mask("Who stars in Orbit of Small Things with Mara Quill?", "the title", "the actor"))
                .isEqualTo("who stars in the title with the actor?");
    }

    @Test
    void everyDemoTitleIsFoundInASentence() {
        Offline.INDEX.names().forEach(name -> {
            String sentence = "have you seen " + name + "? it's great";
            boolean found = !Offline.INDEX.titlesNamedIn(sentence).isEmpty()
                    || Offline.INDEX.actorNamedIn(sentence).isPresent();
            assertThat(found).as(sentence).isTrue();
        });
    }
}
