package dev.marquee.dialogue.catalog;

import dev.marquee.dialogue.ai.Embeddings;
import dev.marquee.dialogue.config.DialogueConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog as dialogue-service knows it: every available title with an embedding of its name, kind, genres,
 * tags and synopsis, and the vocabulary to spot titles, cast members and genres in what users say. Loaded from
 * recommendation-service at start (retrying until it answers) and reloaded on a schedule. Replies name only
 * titles of this index, which is what keeps them grounded in the catalog.
 */
@ApplicationScoped
public class CatalogIndex {
    private static final Logger LOG = Logger.getLogger(CatalogIndex.class);
    /** Audiences whose allowed titles are remembered at once (ages, regions and kinds asked for). */
    private static final int MAX_AUDIENCES = 256;

    private final CatalogFeed feed;
    private final Embeddings embeddings;
    private final DialogueConfig config;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "catalog-index");
        t.setDaemon(true);
        return t;
    });
    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of(), Names.NONE, Names.NONE, Names.NONE,
            List.of(), List.of(), null);

    public CatalogIndex(@RestClient CatalogFeed feed, Embeddings embeddings, DialogueConfig config) {
        this.feed = feed;
        this.embeddings = embeddings;
        this.config = config;
    }

    /** An indexed title with its unit embedding. */
    public record Entry(CatalogTitle title, float[] vector) {
    }

    /** A title that matched, with how well. */
    public record Match(CatalogTitle title, double score) {
    }

    private record Name(String normalised, Pattern pattern, String value) {
        /** Whether the name occurs in a normalised text as whole words (a substring test first: most do not). */
        boolean in(String text) {
            return text.contains(normalised) && pattern.matcher(text).find();
        }
    }

    /**
     * Names, longest first, found by their first word: a text can only contain a name (as whole words) if it
     * contains the name's first word, so a look-up tests the few names that start with a word of the text instead
     * of every name of the catalog.
     */
    private record Names(List<Name> all, Map<String, int[]> byFirstWord, int[] wordless) {
        static final Names NONE = new Names(List.of(), Map.of(), new int[0]);

        static Names of(List<Name> longestFirst) {
            Map<String, List<Integer>> positions = new HashMap<>();
            List<Integer> wordless = new ArrayList<>();
            for (int i = 0; i < longestFirst.size(); i++) {
                String[] words = words(longestFirst.get(i).normalised());
                if (words.length == 0) {
                    wordless.add(i);
                } else {
                    positions.computeIfAbsent(words[0], w -> new ArrayList<>()).add(i);
                }
            }
            Map<String, int[]> byFirstWord = new HashMap<>();
            positions.forEach((word, list) -> byFirstWord.put(word,
                    list.stream().mapToInt(Integer::intValue).toArray()));
            return new Names(List.copyOf(longestFirst), Map.copyOf(byFirstWord),
                    wordless.stream().mapToInt(Integer::intValue).toArray());
        }

        /** The names that may occur in a normalised text, longest first (still to be tested with {@code in}). */
        List<Name> candidates(String normalised) {
            BitSet hits = new BitSet(all.size());
            for (int i : wordless) {
                hits.set(i);
            }
            for (String word : words(normalised)) {
                int[] starting = byFirstWord.get(word);
                if (starting != null) {
                    for (int i : starting) {
                        hits.set(i);
                    }
                }
            }
            List<Name> found = new ArrayList<>(hits.cardinality());
            for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
                found.add(all.get(i));
            }
            return found;
        }
    }

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** The words of a normalised text: runs of letters and digits, as the names' whole-word test sees them. */
    private static String[] words(String normalised) {
        return Arrays.stream(NOT_WORD.split(normalised)).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    private record Snapshot(List<Entry> entries, Map<String, Entry> byId, Names titleNames, Names castNames,
                            Names surnames, List<String> genres, List<Name> genreNames, Instant loadedAt,
                            Map<Audience, Allowed> allowed) {
        Snapshot(List<Entry> entries, Map<String, Entry> byId, Names titleNames, Names castNames, Names surnames,
                 List<String> genres, List<Name> genreNames, Instant loadedAt) {
            this(entries, byId, titleNames, castNames, surnames, genres, genreNames, loadedAt,
                    new ConcurrentHashMap<>());
        }

        /**
         * The entries an audience may see now. Worked out once per audience and kept until the next moment a
         * title enters or leaves its availability window: a search then tests a bit per title instead of kinds,
         * rating, regions and dates.
         */
        BitSet allowedFor(Audience audience, Instant now) {
            Allowed known = allowed.get(audience);
            if (known != null && now.isBefore(known.until())) {
                return known.titles();
            }
            BitSet titles = new BitSet(entries.size());
            Instant until = Instant.MAX;
            for (int i = 0; i < entries.size(); i++) {
                CatalogTitle title = entries.get(i).title();
                if (title.allowedFor(audience, now)) {
                    titles.set(i);
                }
                if (title.availableFrom() != null && title.availableFrom().isAfter(now)
                        && title.availableFrom().isBefore(until)) {
                    until = title.availableFrom();
                }
                if (title.availableUntil() != null && title.availableUntil().isAfter(now)
                        && title.availableUntil().isBefore(until)) {
                    until = title.availableUntil();
                }
            }
            if (allowed.size() >= MAX_AUDIENCES) {
                allowed.clear();
            }
            allowed.put(audience, new Allowed(titles, until));
            return titles;
        }
    }

    /** Entries an audience may see, until a given moment. */
    private record Allowed(BitSet titles, Instant until) {
    }

    void start(@Observes StartupEvent event) {
        scheduler.execute(this::loadUntilDone);
    }

    void stop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
    }

    private void loadUntilDone() {
        try {
            reload();
            scheduler.schedule(this::loadUntilDone, config.catalog().refresh().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            long delay = snapshot.loadedAt() == null ? 2_000 : config.catalog().refresh().toMillis();
            LOG.warnf("catalog index not loaded (%s); next attempt in %d s", e.getMessage(), delay / 1000);
            scheduler.schedule(this::loadUntilDone, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the whole catalog and swaps the index in one step; titles already embedded keep their vector. */
    public synchronized void reload() {
        List<CatalogTitle> titles = new ArrayList<>();
        int size = config.catalog().pageSize();
        for (int page = 0; ; page++) {
            CatalogFeed.TitlePage batch = feed.titles(page, size);
            titles.addAll(batch.items());
            if (batch.items().size() < size || (long) (page + 1) * size >= batch.total()) {
                break;
            }
        }
        index(titles);
    }

    /** Indexes these titles, replacing the index in one step. */
    public synchronized void index(List<CatalogTitle> titles) {
        Snapshot old = snapshot;
        List<Entry> entries = new ArrayList<>();
        List<CatalogTitle> toEmbed = new ArrayList<>();
        for (CatalogTitle t : titles) {
            Entry previous = old.byId().get(t.id());
            if (previous != null && previous.title().document().equals(t.document())) {
                entries.add(new Entry(t, previous.vector()));
            } else {
                toEmbed.add(t);
            }
        }
        for (int from = 0; from < toEmbed.size(); from += 64) {
            List<CatalogTitle> batch = toEmbed.subList(from, Math.min(toEmbed.size(), from + 64));
            List<float[]> vectors = embeddings.embedAll(batch.stream().map(CatalogTitle::document).toList());
            for (int i = 0; i < batch.size(); i++) {
                entries.add(new Entry(batch.get(i), vectors.get(i)));
            }
        }
        Map<String, Entry> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.title().id(), e));
        List<Name> titleNames = new ArrayList<>();
        Set<String> cast = new TreeSet<>();
        Set<String> genres = new TreeSet<>();
        for (CatalogTitle t : titles) {
            titleNames.add(name(t.name(), t.id()));
            if (t.name().toLowerCase(Locale.ROOT).startsWith("the ") && t.name().length() > 8) {
                titleNames.add(name(t.name().substring(4), t.id()));
            }
            int colon = t.name().indexOf(": ");
            if ("episode".equals(t.kind()) && colon > 0) {
                titleNames.add(name(t.name().substring(colon + 2), t.id()));
            }
            if (t.cast() != null) {
                cast.addAll(t.cast());
            }
            genres.addAll(t.genres());
        }
        titleNames.sort(Comparator.comparingInt((Name n) -> n.normalised().length()).reversed());
        List<Name> castNames = cast.stream().map(c -> name(c, c))
                .sorted(Comparator.comparingInt((Name n) -> n.normalised().length()).reversed()).toList();
        // "Quill" alone names Mara Quill: surnames of four letters or more, full names first.
        List<Name> surnames = new ArrayList<>();
        for (Name n : castNames) {
            String[] parts = n.normalised().split(" ");
            String surname = parts[parts.length - 1];
            if (parts.length > 1 && surname.length() > 3) {
                surnames.add(new Name(surname, Pattern.compile("\\b" + Pattern.quote(surname) + "\\b"), n.value()));
            }
        }
        List<Name> genreNames = genres.stream()
                .map(g -> new Name(pluralStem(g), genrePattern(g), g)).toList();
        snapshot = new Snapshot(List.copyOf(entries), Map.copyOf(byId), Names.of(titleNames), Names.of(castNames),
                Names.of(surnames), List.copyOf(genres), genreNames, Instant.now());
        LOG.infof("catalog index: %d titles (%d embedded now), %d cast members, %d genres", entries.size(),
                toEmbed.size(), castNames.size(), genres.size());
    }

    public boolean loaded() {
        return snapshot.loadedAt() != null;
    }

    public int size() {
        return snapshot.entries().size();
    }

    public Optional<CatalogTitle> get(String id) {
        Entry e = snapshot.byId().get(id);
        return e == null ? Optional.empty() : Optional.of(e.title());
    }

    public List<String> genres() {
        return snapshot.genres();
    }

    /** The longest catalog genre a text names, singular or plural (comedy, comedies), if any. */
    public Optional<String> genreNamedIn(String text) {
        String normalised = normalise(text);
        return snapshot.genreNames().stream()
                .filter(n -> n.in(normalised))
                .map(Name::value)
                .max(Comparator.comparingInt(String::length));
    }

    /**
     * What every match of {@link #plurals} contains (comed for comedy and comedies): a text without it cannot name
     * the genre, and a substring test is far cheaper than the regular expression.
     */
    public static String pluralStem(String genre) {
        return genre.endsWith("y") ? genre.substring(0, genre.length() - 1) : genre;
    }

    /** The genre named as whole words, singular or plural; every match contains {@link #pluralStem}. */
    public static Pattern genrePattern(String genre) {
        return Pattern.compile("\\b" + plurals(genre) + "\\b");
    }

    /** The genre as a regular expression that also accepts its plural (comedy, comedies; thriller, thrillers). */
    private static String plurals(String genre) {
        if (genre.endsWith("y")) {
            return "(" + Pattern.quote(genre) + "|" + Pattern.quote(genre.substring(0, genre.length() - 1) + "ies")
                    + ")";
        }
        return Pattern.quote(genre) + "s?";
    }

    /** Every title name of the index and every cast member: words a redactor must leave alone. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        snapshot.entries().forEach(e -> names.add(e.title().name()));
        snapshot.castNames().all().forEach(n -> names.add(n.value()));
        return names;
    }

    /** Titles named in a text, longest names first, each once. */
    public List<CatalogTitle> titlesNamedIn(String text) {
        String normalised = normalise(text);
        List<CatalogTitle> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Name n : snapshot.titleNames().candidates(normalised)) {
            if (n.in(normalised) && seen.add(n.value())) {
                get(n.value()).ifPresent(found::add);
            }
        }
        return found;
    }

    /** A cast member named in a text (full name or surname), if any. */
    public Optional<String> actorNamedIn(String text) {
        String normalised = normalise(text);
        for (Name n : snapshot.castNames().candidates(normalised)) {
            if (n.in(normalised)) {
                return Optional.of(n.value());
            }
        }
        for (Name n : snapshot.surnames().candidates(normalised)) {
            if (n.in(normalised)) {
                return Optional.of(n.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The text with catalog titles and cast members replaced by neutral words, so that an intent is decided by
     * what is asked, not by which name is asked about.
     */
    public String mask(String text, String titleMask, String actorMask) {
        String masked = normalise(text);
        for (Name n : snapshot.titleNames().candidates(masked)) {
            if (masked.contains(n.normalised())) {
                masked = n.pattern().matcher(masked).replaceAll(Matcher.quoteReplacement(titleMask));
            }
        }
        // Cast names are looked for in what is left once titles are masked, as before.
        for (Name n : snapshot.castNames().candidates(masked)) {
            if (masked.contains(n.normalised())) {
                masked = n.pattern().matcher(masked).replaceAll(Matcher.quoteReplacement(actorMask));
            }
        }
        return masked;
    }

    /** Titles allowed for the audience, most similar to a free-text description first. */
    public List<Match> search(String description, Audience audience, int k) {
        return nearest(embeddings.embed(description), t -> true, audience, k, config.catalog().minRelevance());
    }

    /** Titles allowed for the audience most similar to a given one, not itself. */
    public List<Match> similarTo(CatalogTitle title, Audience audience, int k) {
        Entry entry = snapshot.byId().get(title.id());
        if (entry == null) {
            return List.of();
        }
        return nearest(entry.vector(), t -> !t.id().equals(title.id()), audience, k, 0);
    }

    /** Titles allowed for the audience that match a predicate, most similar to a description first. */
    public List<Match> where(Predicate<CatalogTitle> predicate, String description, Audience audience, int k) {
        return nearest(embeddings.embed(description), predicate, audience, k, -1);
    }

    private List<Match> nearest(float[] v, Predicate<CatalogTitle> predicate, Audience audience, int k,
                                double minScore) {
        if (k <= 0) {
            return List.of();
        }
        Snapshot current = snapshot;
        BitSet allowed = current.allowedFor(audience, Instant.now());
        List<Entry> entries = current.entries();
        // The k best in a small heap (worst on top) rather than scoring, then sorting, the whole catalog.
        PriorityQueue<Match> best = new PriorityQueue<>(k + 1,
                Comparator.comparingDouble(Match::score));
        for (int i = allowed.nextSetBit(0); i >= 0; i = allowed.nextSetBit(i + 1)) {
            Entry e = entries.get(i);
            if (!predicate.test(e.title())) {
                continue;
            }
            double score = Embeddings.cosine(v, e.vector());
            if (score < minScore || best.size() == k && score <= best.peek().score()) {
                continue;
            }
            best.add(new Match(e.title(), score));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Match> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(m -> m.title().id()));
        return sorted;
    }

    private static Name name(String value, String id) {
        String normalised = normalise(value);
        return new Name(normalised, Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(normalised)
                + "(?![\\p{L}\\p{N}])"), id);
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Lower case, plain apostrophes, no accents, single spaces: how names and messages are compared. */
    public static String normalise(String text) {
        String s = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(s.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'')).replaceAll(" ")
                .strip();
    }
}
