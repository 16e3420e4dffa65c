package dev.marquee.recommendation.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the public MovieLens rating datasets into a {@link Dataset}, so that strategies can also be compared on real
 * behaviour: the 100k format ({@code u.data} and {@code u.item}) and the 1M format ({@code ratings.dat} and
 * {@code movies.dat}). The data itself is not shipped; point this at a downloaded copy.
 *
 * <p>Titles become {@code ml-<item id>} movies named after the MovieLens title, with the MovieLens genres in lower
 * case ({@code "children"}, {@code "film noir"}, {@code "sci-fi"}, ...; {@code "drama"} if none), the year from
 * the title or the release date (1900 if neither has one), age rating 0, region US and a stand-in synopsis
 * ({@code "<title>: a <genres> film"}), since MovieLens has no synopses. Every rating becomes a {@code rating}
 * interaction of user {@code ml-<user id>}.
 */
public final class MovieLens {

    /** The MovieLens genre names, in the order of the 100k genre flags, with the catalog genre for each. */
    private static final Map<String, String> GENRES = genres();
    private static final List<String> FLAG_ORDER = List.copyOf(GENRES.keySet());
    private static final Pattern TITLE_YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");
    private static final Pattern DATE_YEAR = Pattern.compile("(\\d{4})\\s*$");
    private static final int ITEM_FIELDS = 5 + 19;

    private MovieLens() {
    }

    /**
     * Reads the dataset in the directory: {@code u.data} and {@code u.item} if present, else {@code ratings.dat}
     * and {@code movies.dat}.
     *
     * @throws IllegalArgumentException if neither pair is there, or with the file name and line number of a
     *     malformed line or of a rating of an unknown movie
     * @throws UncheckedIOException if a file cannot be read
     */
    public static Dataset read(Path directory) {
        try {
            if (Files.exists(directory.resolve("u.data"))) {
                Map<String, CatalogItem> items = readItems100k(directory.resolve("u.item"));
                List<LoggedInteraction> ratings = readRatings(directory.resolve("u.data"), "\\t", items);
                return new Dataset("movielens-100k", List.copyOf(items.values()), ratings);
            }
            if (Files.exists(directory.resolve("ratings.dat"))) {
                Map<String, CatalogItem> items = readItems1m(directory.resolve("movies.dat"));
                List<LoggedInteraction> ratings = readRatings(directory.resolve("ratings.dat"), "::", items);
                return new Dataset("movielens-1m", List.copyOf(items.values()), ratings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MovieLens data in " + directory, e);
        }
        throw new IllegalArgumentException(directory + " holds neither u.data/u.item (MovieLens 100k) nor "
                + "ratings.dat/movies.dat (MovieLens 1M)");
    }

    private static Map<String, CatalogItem> readItems100k(Path file) throws IOException {
        Map<String, CatalogItem> items = new LinkedHashMap<>();
        forEachLine(file, (line, number) -> {
            String[] fields = line.split("\\|", -1);
            if (fields.length != ITEM_FIELDS) {
                throw malformed(file, number, "expected " + ITEM_FIELDS + " |-separated fields, got " + fields.length);
            }
            List<String> genres = new ArrayList<>();
            for (int flag = 0; flag < FLAG_ORDER.size(); flag++) {
                String value = fields[5 + flag].strip();
                if (!value.equals("0") && !value.equals("1")) {
                    throw malformed(file, number, "genre flag " + (flag + 1) + " is '" + value + "', not 0 or 1");
                }
                if (value.equals("1")) {
                    addGenre(genres, FLAG_ORDER.get(flag));
                }
            }
            add(items, item(file, number, fields[0], fields[1], fields[2], genres));
        });
        return items;
    }

    private static Map<String, CatalogItem> readItems1m(Path file) throws IOException {
        Map<String, CatalogItem> items = new LinkedHashMap<>();
        forEachLine(file, (line, number) -> {
            String[] fields = line.split("::", -1);
            if (fields.length != 3) {
                throw malformed(file, number, "expected 3 ::-separated fields, got " + fields.length);
            }
            List<String> genres = new ArrayList<>();
            for (String name : fields[2].split("\\|")) {
                if (name.isBlank()) {
                    continue;
                }
                if (!GENRES.containsKey(name.strip())) {
                    throw malformed(file, number, "unknown genre '" + name + "'");
                }
                addGenre(genres, name.strip());
            }
            add(items, item(file, number, fields[0], fields[1], "", genres));
        });
        return items;
    }

    private static void addGenre(List<String> genres, String movieLensName) {
        String genre = GENRES.get(movieLensName);
        if (genre != null && !genres.contains(genre)) {
            genres.add(genre);
        }
    }

    private static CatalogItem item(Path file, int number, String rawId, String rawTitle, String releaseDate,
            List<String> genres) {
        String id = "ml-" + wholeNumber(file, number, rawId, "movie id");
        String title = rawTitle.strip();
        if (title.isEmpty()) {
            throw malformed(file, number, "the title is empty");
        }
        if (genres.isEmpty()) {
            genres.add("drama");
        }
        String genreText = String.join(", ", genres);
        String article = "aeiou".indexOf(genreText.charAt(0)) >= 0 ? "an" : "a";
        String synopsis = title + ": " + article + " " + genreText + " film";
        return new CatalogItem(id, "movie", title, synopsis, genres, List.of(), List.of(), year(title, releaseDate),
                null, 0, List.of("US"));
    }

    private static void add(Map<String, CatalogItem> items, CatalogItem item) {
        if (items.putIfAbsent(item.id(), item) != null) {
            throw new IllegalArgumentException("movie " + item.id() + " is listed twice");
        }
    }

    private static int year(String title, String releaseDate) {
        Matcher fromTitle = TITLE_YEAR.matcher(title);
        if (fromTitle.find()) {
            return Integer.parseInt(fromTitle.group(1));
        }
        Matcher fromDate = DATE_YEAR.matcher(releaseDate);
        if (fromDate.find()) {
            return Integer.parseInt(fromDate.group(1));
        }
        return 1900;
    }

    private static List<LoggedInteraction> readRatings(Path file, String separator, Map<String, CatalogItem> items)
            throws IOException {
        List<LoggedInteraction> ratings = new ArrayList<>();
        forEachLine(file, (line, number) -> {
            String[] fields = line.strip().split(separator, -1);
            if (fields.length != 4) {
                throw malformed(file, number, "expected 4 fields (user, item, rating, timestamp), got "
                        + fields.length);
            }
            String user = "ml-" + wholeNumber(file, number, fields[0], "user id");
            String title = "ml-" + wholeNumber(file, number, fields[1], "item id");
            long rating = wholeNumber(file, number, fields[2], "rating");
            long seconds = wholeNumber(file, number, fields[3], "timestamp");
            if (rating < 1 || rating > 5) {
                throw malformed(file, number, "rating " + rating + " is not between 1 and 5");
            }
            if (!items.containsKey(title)) {
                throw malformed(file, number, "rates movie " + fields[1].strip() + ", which is not in the movie list");
            }
            ratings.add(new LoggedInteraction(user, title, "rating", (int) rating, seconds * 1000));
        });
        return ratings;
    }

    private static long wholeNumber(Path file, int line, String field, String what) {
        String value = field.strip();
        if (!value.matches("\\d{1,12}")) {
            throw malformed(file, line, "the " + what + " '" + value + "' is not a non-negative whole number");
        }
        return Long.parseLong(value);
    }

    private interface LineHandler {
        void accept(String line, int number);
    }

    private static void forEachLine(Path file, LineHandler handler) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + " is missing");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    handler.accept(line, number);
                }
            }
        }
    }

    private static IllegalArgumentException malformed(Path file, int line, String problem) {
        return new IllegalArgumentException(file.getFileName() + " line " + line + ": " + problem);
    }

    private static Map<String, String> genres() {
        Map<String, String> genres = new LinkedHashMap<>();
        String[] names = {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
            "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
            "Thriller", "War", "Western"};
        for (String name : names) {
            String genre = switch (name) {
                case "unknown" -> null;
                case "Children's" -> "children";
                case "Film-Noir" -> "film noir";
                default -> name.toLowerCase(Locale.ROOT);
            };
            genres.put(name, genre);
        }
        return Collections.unmodifiableMap(genres);
    }
}
