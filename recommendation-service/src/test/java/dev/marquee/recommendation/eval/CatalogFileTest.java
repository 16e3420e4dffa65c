package dev.marquee.recommendation.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogFileTest {

    private static final List<String> FIELDS = List.of("id", "kind", "name", "synopsis", "genres", "tags", "cast",
            "year", "runtimeMinutes", "ageRating", "regions", "availableFrom", "availableUntil");
    private static final Pattern ID = Pattern.compile("[a-z]{2}-[0-9a-z-]{1,60}");
    private static final Pattern GENRE = Pattern.compile("[a-z][a-z -]{0,39}");
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");

    private static List<String> resourceLines(String resource) throws IOException {
        try (InputStream in = CatalogFileTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        return (Map<String, Object>) MiniJson.parse(line);
    }

    @Test
    void quotesStringsAsJson() {
        String tricky = "A \"quoted\" back\\slash\nnew line\ttab \u0001 café";
        String quoted = CatalogFile.quote(tricky);
        assertThat(quoted).isEqualTo("\"A \\\"quoted\\\" back\\\\slash\\nnew line\\ttab \\u0001 café\"");
        assertThat(MiniJson.parse(quoted)).isEqualTo(tricky);
    }

    @Test
    void readsNamesFromCatalogLines() {
        List<String> lines = List.of(
                "{\"id\": \"mv-1\", \"kind\": \"movie\", \"name\": \"The \\\"Quoted\\\" One\", \"synopsis\": \"x\"}",
                "{\"name\":\"Caf\\u00e9 Nights\",\"id\":\"mv-2\"}",
                "",
                "{\"id\": \"mv-3\"}");
        assertThat(CatalogFile.names(lines)).containsExactly("The \"Quoted\" One", "Café Nights");
    }

    @Test
    void writesTheCuratedFieldsAndAvoidsCuratedNames(@TempDir Path directory) throws IOException {
        List<CatalogItem> unreserved = SyntheticData.catalog(77, 300, Set.of());
        List<String> curated = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            CatalogItem item = unreserved.get(i * 7);
            curated.add(CatalogFile.json(item, Instant.parse("2020-01-15T00:00:00Z"), null)
                    .replace(item.id(), "cu-" + i));
        }
        Path curatedFile = directory.resolve("curated.jsonl");
        Files.write(curatedFile, curated, StandardCharsets.UTF_8);
        Path output = directory.resolve("out").resolve("generated.jsonl");

        CatalogFile.main(new String[] {output.toString(), "300", "77", curatedFile.toString()});

        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(300);
        Set<String> curatedNames = lowerCase(CatalogFile.names(curated));
        assertThat(curatedNames).hasSize(40);
        for (String line : lines) {
            Map<String, Object> object = parse(line);
            assertThat(object.keySet()).containsExactlyElementsOf(FIELDS);
            assertThat(curatedNames).doesNotContain(((String) object.get("name")).toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void theGeneratedCatalogIsValidAndAvoidsTheCuratedOne() throws IOException {
        List<String> curated = resourceLines("/catalog/demo-catalog.jsonl");
        List<String> generated = resourceLines("/catalog/generated-catalog.jsonl");
        assertThat(generated).hasSize(3000);
        Set<String> curatedNames = new HashSet<>();
        Set<String> curatedIds = new HashSet<>();
        for (String line : curated) {
            Map<String, Object> object = parse(line);
            curatedNames.add(((String) object.get("name")).toLowerCase(Locale.ROOT));
            curatedIds.add((String) object.get("id"));
            assertThat(object.keySet()).containsExactlyElementsOf(FIELDS);
        }

        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        int withEnd = 0;
        for (String line : generated) {
            Map<String, Object> title = parse(line);
            String what = line.substring(0, Math.min(line.length(), 60));
            assertThat(title.keySet()).as(what).containsExactlyElementsOf(FIELDS);
            String id = (String) title.get("id");
            assertThat(id).as(what).matches(ID);
            assertThat(ids.add(id)).as("unique id " + id).isTrue();
            assertThat(curatedIds).doesNotContain(id);
            String name = (String) title.get("name");
            assertThat(name).as(what).isNotBlank().hasSizeLessThanOrEqualTo(200);
            assertThat(names.add(name.toLowerCase(Locale.ROOT))).as("unique name " + name).isTrue();
            assertThat(curatedNames).as(what).doesNotContain(name.toLowerCase(Locale.ROOT));
            assertThat(title.get("kind")).as(what).isIn("movie", "series", "episode", "game", "live_event");
            assertThat((String) title.get("synopsis")).as(what).isNotBlank().hasSizeLessThanOrEqualTo(2000);
            assertThat(strings(title.get("genres"))).as(what).isNotEmpty().allMatch(g -> GENRE.matcher(g).matches());
            assertThat(strings(title.get("tags"))).as(what).allMatch(t -> !t.isBlank());
            assertThat(strings(title.get("cast"))).as(what).allMatch(c -> !c.isBlank());
            assertThat(strings(title.get("regions"))).as(what).isNotEmpty()
                    .allMatch(r -> REGION.matcher(r).matches());
            assertThat(((BigDecimal) title.get("year")).intValueExact()).as(what).isBetween(1888, 2100);
            assertThat(((BigDecimal) title.get("ageRating")).intValueExact()).as(what).isIn(0, 7, 12, 16, 18);
            Object runtime = title.get("runtimeMinutes");
            if (runtime != null) {
                assertThat(((BigDecimal) runtime).intValueExact()).as(what).isPositive();
            }
            Instant from = Instant.parse((String) title.get("availableFrom"));
            if (title.get("availableUntil") != null) {
                withEnd++;
                assertThat(Instant.parse((String) title.get("availableUntil"))).as(what).isAfter(from);
            }
        }
        assertThat(withEnd).isPositive().isLessThanOrEqualTo(150);
    }

    private static List<String> strings(Object array) {
        assertThat(array).isInstanceOf(List.class);
        List<String> values = new ArrayList<>();
        for (Object value : (List<?>) array) {
            assertThat(value).isInstanceOf(String.class);
            values.add((String) value);
        }
        return values;
    }

    private static Set<String> lowerCase(Set<String> names) {
        Set<String> lower = new HashSet<>();
        names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        return lower;
    }
}
