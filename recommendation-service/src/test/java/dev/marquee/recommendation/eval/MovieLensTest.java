package dev.marquee.recommendation.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads {@code movielens-tiny}, a hand-made 12-user, 12-movie file pair in the MovieLens 100k format. */
class MovieLensTest {

    private static Path fixture() throws URISyntaxException {
        return Path.of(MovieLensTest.class.getResource("/movielens-tiny/u.data").toURI()).getParent();
    }

    private static Map<String, CatalogItem> byId(Dataset dataset) {
        return dataset.catalog().stream().collect(Collectors.toMap(CatalogItem::id, item -> item));
    }

    @Test
    void readsTheHundredKFormat() throws Exception {
        Dataset dataset = MovieLens.read(fixture());
        long ratingLines = Files.readAllLines(fixture().resolve("u.data")).stream().filter(l -> !l.isBlank()).count();

        assertThat(dataset.name()).isEqualTo("movielens-100k");
        assertThat(dataset.catalog()).hasSize(12);
        assertThat(dataset.interactions()).hasSize((int) ratingLines);
        assertThat(dataset.userCount()).isEqualTo(12);
        assertThat(dataset.interactions()).allSatisfy(i -> {
            assertThat(i.userId()).matches("ml-\\d+");
            assertThat(i.titleId()).matches("ml-\\d+");
            assertThat(i.type()).isEqualTo("rating");
            assertThat(i.rating()).isBetween(1, 5);
        });
        assertThat(dataset.interactions()).contains(new LoggedInteraction("ml-5", "ml-7", "rating", 5, 880600861000L));
        List<LoggedInteraction> log = dataset.interactions();
        for (int i = 1; i < log.size(); i++) {
            assertThat(log.get(i).timestampMillis()).isGreaterThanOrEqualTo(log.get(i - 1).timestampMillis());
        }
    }

    @Test
    void mapsMoviesToCatalogItems() throws Exception {
        Map<String, CatalogItem> items = byId(MovieLens.read(fixture()));

        CatalogItem harbour = items.get("ml-1");
        assertThat(harbour.kind()).isEqualTo("movie");
        assertThat(harbour.name()).isEqualTo("Harbour Lights (1994)");
        assertThat(harbour.genres()).containsExactly("drama", "romance");
        assertThat(harbour.year()).isEqualTo(1994);
        assertThat(harbour.synopsis()).isEqualTo("Harbour Lights (1994): a drama, romance film");
        assertThat(harbour.ageRating()).isZero();
        assertThat(harbour.regions()).containsExactly("US");
        assertThat(harbour.runtimeMinutes()).isNull();

        assertThat(items.get("ml-5").name()).isEqualTo("Café Meridian (1996)");
        assertThat(items.get("ml-7").year()).isEqualTo(1993);
        assertThat(items.get("ml-7").genres()).containsExactly("mystery", "thriller");
        assertThat(items.get("ml-9").genres()).containsExactly("drama");
        assertThat(items.get("ml-9").year()).isEqualTo(1900);
        assertThat(items.get("ml-11").genres()).containsExactly("adventure", "children", "sci-fi");
        assertThat(items.get("ml-11").synopsis()).isEqualTo("Star Relay (1997): an adventure, children, sci-fi film");
        assertThat(items.get("ml-12").genres()).containsExactly("crime", "film noir");
        assertThat(items.get("ml-12").year()).isEqualTo(1947);
    }

    private static Path copyWithRatings(Path directory, String ratings) throws Exception {
        Files.copy(fixture().resolve("u.item"), directory.resolve("u.item"));
        Files.writeString(directory.resolve("u.data"), ratings);
        return directory;
    }

    @Test
    void aMalformedRatingLineIsReportedWithItsFileAndLineNumber(@TempDir Path directory) throws Exception {
        copyWithRatings(directory, "1\t2\t3\t880000000\n2\t3\t4\t880000001\n3\t4\tfive\t880000002\n");
        assertThatThrownBy(() -> MovieLens.read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("u.data line 3")
                .hasMessageContaining("five");
    }

    @Test
    void otherBadRatingLinesAreReportedToo(@TempDir Path first, @TempDir Path second) throws Exception {
        copyWithRatings(first, "1\t2\t3\n");
        assertThatThrownBy(() -> MovieLens.read(first)).hasMessageContaining("u.data line 1")
                .hasMessageContaining("4 fields");
        copyWithRatings(second, "1\t2\t3\t880000000\n1\t99\t3\t880000000\n");
        assertThatThrownBy(() -> MovieLens.read(second)).hasMessageContaining("u.data line 2")
                .hasMessageContaining("99");
    }

    @Test
    void aMalformedMovieLineIsReportedWithItsLineNumber(@TempDir Path directory) throws Exception {
        List<String> items = Files.readAllLines(fixture().resolve("u.item"), StandardCharsets.ISO_8859_1);
        items.set(3, items.get(3).replaceFirst("\\|0\\|0\\|0\\|", "|0|2|0|"));
        Files.write(directory.resolve("u.item"), items, StandardCharsets.ISO_8859_1);
        Files.writeString(directory.resolve("u.data"), "1\t2\t3\t880000000\n");
        assertThatThrownBy(() -> MovieLens.read(directory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("u.item line 4");
    }

    @Test
    void readsTheOneMillionFormat(@TempDir Path directory) throws IOException {
        Files.write(directory.resolve("movies.dat"), List.of(
                "1::Lantern Bay (1998)::Animation|Children's|Comedy",
                "2::Gaslight Alley (1950)::Film-Noir|Thriller"), StandardCharsets.ISO_8859_1);
        Files.writeString(directory.resolve("ratings.dat"), "7::2::4::978300760\n7::1::2::978300700\n");
        Dataset dataset = MovieLens.read(directory);
        assertThat(dataset.name()).isEqualTo("movielens-1m");
        assertThat(byId(dataset).get("ml-1").genres()).containsExactly("animation", "children", "comedy");
        assertThat(byId(dataset).get("ml-2").genres()).containsExactly("film noir", "thriller");
        assertThat(byId(dataset).get("ml-2").year()).isEqualTo(1950);
        assertThat(dataset.interactions()).containsExactly(
                new LoggedInteraction("ml-7", "ml-1", "rating", 2, 978300700000L),
                new LoggedInteraction("ml-7", "ml-2", "rating", 4, 978300760000L));
    }

    @Test
    void anUnknownGenreInTheOneMillionFormatIsReported(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("movies.dat"), "1::Lantern Bay (1998)::Comedy\n2::Odd (1999)::Opera\n");
        Files.writeString(directory.resolve("ratings.dat"), "7::2::4::978300760\n");
        assertThatThrownBy(() -> MovieLens.read(directory)).hasMessageContaining("movies.dat line 2")
                .hasMessageContaining("Opera");
    }

    @Test
    void aDirectoryWithoutMovieLensFilesIsRejected(@TempDir Path directory) {
        assertThatThrownBy(() -> MovieLens.read(directory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("u.data");
    }
}
