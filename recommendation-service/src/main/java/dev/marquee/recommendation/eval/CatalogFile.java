package dev.marquee.recommendation.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a large invented demo catalog in the catalog's JSON Lines format, next to the small curated one:
 * {@code CatalogFile <output.jsonl> [titles=3000] [seed=2026] [curated.jsonl]}. The curated file (by default
 * {@code demo-catalog.jsonl} beside the output, else the {@code catalog/demo-catalog.jsonl} resource) is read only
 * for its names, which the generated titles avoid.
 *
 * <p>Every title is available from January 15 of its release year, except live events of 2026, which open on their
 * event date in 2026; those events and about 2% of the other titles are available until 2027-06-30.
 */
public final class CatalogFile {

    static final String USAGE = "usage: CatalogFile <output.jsonl> [titles=3000] [seed=2026] [curated.jsonl]";
    static final Instant AVAILABLE_UNTIL = Instant.parse("2027-06-30T00:00:00Z");

    private static final Pattern NAME_FIELD = Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final double LICENSED_SHARE = 0.02;
    private static final long AVAILABILITY_SALT = 0x5EED_CA7A_1065L;

    private CatalogFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 4 || args[0].startsWith("-")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        int titles;
        long seed;
        try {
            titles = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
            seed = args.length > 2 ? Long.parseLong(args[2]) : 2026;
        } catch (NumberFormatException e) {
            System.err.println("error: titles and seed must be whole numbers\n" + USAGE);
            System.exit(2);
            return;
        }
        List<String> curated = args.length > 3 ? Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8)
                : curatedLines(output);
        Set<String> reserved = names(curated);
        List<CatalogItem> items = SyntheticData.catalog(seed, titles, reserved);
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(output, lines(items, seed), StandardCharsets.UTF_8);
        System.out.printf("wrote %d titles to %s, avoiding %d curated names%n", items.size(), output,
                reserved.size());
    }

    private static List<String> curatedLines(Path output) throws IOException {
        Path sibling = output.toAbsolutePath().resolveSibling("demo-catalog.jsonl");
        if (Files.exists(sibling)) {
            return Files.readAllLines(sibling, StandardCharsets.UTF_8);
        }
        try (InputStream in = CatalogFile.class.getClassLoader().getResourceAsStream("catalog/demo-catalog.jsonl")) {
            if (in == null) {
                throw new IllegalStateException("cannot find the curated catalog; pass it as the fourth argument");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The values of the {@code name} fields of JSON Lines catalog lines. */
    static Set<String> names(List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher matcher = NAME_FIELD.matcher(line);
            if (matcher.find()) {
                names.add(unescape(matcher.group(1)));
            }
        }
        return names;
    }

    /** One JSON object per item, with the fields and field order of the curated catalog. */
    static List<String> lines(List<CatalogItem> items, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ AVAILABILITY_SALT);
        List<String> lines = new ArrayList<>(items.size());
        for (CatalogItem item : items) {
            Instant from = LocalDate.of(item.year(), 1, 15).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant until = null;
            if (item.kind().equals("live_event") && item.year() == 2026) {
                LocalDate eventDay = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365));
                from = eventDay.atTime(19, 0).toInstant(ZoneOffset.UTC);
                until = AVAILABLE_UNTIL;
            } else if (random.nextDouble() < LICENSED_SHARE) {
                until = AVAILABLE_UNTIL;
            }
            lines.add(json(item, from, until));
        }
        return lines;
    }

    static String json(CatalogItem item, Instant availableFrom, Instant availableUntil) {
        return "{\"id\": " + quote(item.id())
                + ", \"kind\": " + quote(item.kind())
                + ", \"name\": " + quote(item.name())
                + ", \"synopsis\": " + quote(item.synopsis())
                + ", \"genres\": " + array(item.genres())
                + ", \"tags\": " + array(item.tags())
                + ", \"cast\": " + array(item.cast())
                + ", \"year\": " + item.year()
                + ", \"runtimeMinutes\": " + item.runtimeMinutes()
                + ", \"ageRating\": " + item.ageRating()
                + ", \"regions\": " + array(item.regions())
                + ", \"availableFrom\": " + quote(availableFrom.toString())
                + ", \"availableUntil\": " + (availableUntil == null ? "null" : quote(availableUntil.toString()))
                + "}";
    }

    private static String array(List<String> values) {
        List<String> quoted = values.stream().map(CatalogFile::quote).toList();
        return "[" + String.join(", ", quoted) + "]";
    }

    /** A JSON string literal. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String unescape(String literal) {
        StringBuilder out = new StringBuilder(literal.length());
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c != '\\' || i + 1 == literal.length()) {
                out.append(c);
                continue;
            }
            char escaped = literal.charAt(++i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= literal.length()) {
                        throw new IllegalArgumentException("truncated \\u escape in " + literal);
                    }
                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }
}
