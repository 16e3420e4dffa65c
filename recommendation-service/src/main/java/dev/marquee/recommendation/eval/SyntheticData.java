package dev.marquee.recommendation.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded generator of an invented catalog and an interaction log with latent taste structure, for evaluating
 * recommenders without real user data. The same seed always gives the same output.
 *
 * <p>Every title belongs to one of twelve taste clusters (space adventure, cozy comedy, detective mystery, horror,
 * fantasy epic, sports, romance, nature documentary, heist thriller, family animation, strategy games, live music)
 * that shape its genres, tags, kind, age rating and the vocabulary of its name and synopsis. Every user prefers one
 * or two clusters; most of their interactions come from those, the rest from global popularity. Collaborative and
 * content-based recommenders can therefore beat popularity, and popularity beats chance.
 */
public final class SyntheticData {

    /** A generated catalog with the taste cluster (an index into {@link TasteClusters#ALL}) of every item. */
    record GeneratedCatalog(List<CatalogItem> items, List<Integer> clusters) {
        GeneratedCatalog {
            items = List.copyOf(items);
            clusters = List.copyOf(clusters);
        }

        /** The cluster of every item, by id. */
        Map<String, Integer> clusterById() {
            Map<String, Integer> byId = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                byId.put(items.get(i).id(), clusters.get(i));
            }
            return byId;
        }
    }

    static final List<String> REGIONS = List.of("US", "GB", "DE", "FR", "IN", "BR", "CA", "AU");

    private static final Map<String, String> ID_PREFIXES =
            Map.of("movie", "mv", "series", "sr", "episode", "ep", "game", "gm", "live_event", "lv");

    private SyntheticData() {
    }

    /**
     * An invented catalog of {@code titles} items. Names are unique (ignoring case) and none equals a reserved name
     * (ignoring case), so the result can sit next to a curated catalog.
     */
    public static List<CatalogItem> catalog(long seed, int titles, Set<String> reservedNames) {
        return generateCatalog(seed, titles, reservedNames).items();
    }

    /**
     * An invented catalog and an interaction log over it, sorted by time, spanning 180 days from
     * 2026-03-01T00:00:00Z. Users are {@code u-00001}, {@code u-00002}, ..., each with at least 3 interactions.
     *
     * @throws IllegalArgumentException if a size is not positive or there are fewer than 3 interactions per user
     */
    public static Dataset generate(long seed, int titles, int users, int interactions) {
        if (users < 1) {
            throw new IllegalArgumentException("users must be positive, got " + users);
        }
        if (interactions < 3L * users) {
            throw new IllegalArgumentException("need at least 3 interactions per user: " + users + " users, "
                    + interactions + " interactions");
        }
        GeneratedCatalog catalog = generateCatalog(seed, titles, Set.of());
        SplittableRandom root = new SplittableRandom(seed);
        root.split();
        List<LoggedInteraction> log = SyntheticLog.simulate(catalog, users, interactions, root.split());
        String name = "synthetic(seed=" + seed + ", titles=" + titles + ", users=" + users + ", interactions="
                + interactions + ")";
        return new Dataset(name, catalog.items(), log);
    }

    /** The catalog with its clusters; {@link #catalog} and {@link #generate} build on this. */
    static GeneratedCatalog generateCatalog(long seed, int titles, Set<String> reservedNames) {
        if (titles < 1) {
            throw new IllegalArgumentException("titles must be positive, got " + titles);
        }
        SplittableRandom random = new SplittableRandom(seed).split();
        int clusterCount = TasteClusters.ALL.size();
        double[] clusterWeights = new double[clusterCount];
        for (int c = 0; c < clusterCount; c++) {
            clusterWeights[c] = 0.7 + 0.6 * random.nextDouble();
        }
        TitleWriter writer = new TitleWriter(random, reservedNames);
        Map<String, Integer> numbers = new HashMap<>();
        List<CatalogItem> items = new ArrayList<>(titles);
        List<Integer> clusters = new ArrayList<>(titles);
        for (int i = 0; i < titles; i++) {
            int cluster = i < clusterCount ? i : Sampling.index(clusterWeights, random);
            items.add(item(TasteClusters.ALL.get(cluster), cluster, writer, numbers, random));
            clusters.add(cluster);
        }
        return new GeneratedCatalog(items, clusters);
    }

    private static CatalogItem item(TasteCluster cluster, int clusterIndex, TitleWriter writer,
            Map<String, Integer> numbers, SplittableRandom random) {
        String kind = kind(cluster, random);
        int number = numbers.merge(kind, 1, Integer::sum);
        String id = String.format("%s-g%04d", ID_PREFIXES.get(kind), number);
        List<String> genres = genres(cluster, clusterIndex, kind, random);
        TitleWriter.Text text = writer.write(cluster, kind, genres);
        List<String> tags = tags(cluster, random);
        List<Integer> ages = cluster.words("ages").stream().map(Integer::parseInt).toList();
        int ageRating = ages.get(random.nextInt(ages.size()));
        return new CatalogItem(id, kind, text.name(), text.synopsis(), genres, tags, text.cast(),
                year(kind, random), runtime(cluster, kind, random), ageRating, regions(random));
    }

    private static String kind(TasteCluster cluster, SplittableRandom random) {
        List<String> kinds = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String entry : cluster.words("kinds")) {
            String[] parts = entry.split(" ");
            kinds.add(parts[0]);
            weights.add(Double.parseDouble(parts[1]));
        }
        return kinds.get(Sampling.index(weights.stream().mapToDouble(Double::doubleValue).toArray(), random));
    }

    private static List<String> genres(TasteCluster cluster, int clusterIndex, String kind,
            SplittableRandom random) {
        List<String> genres = new ArrayList<>();
        if (kind.equals("live_event")) {
            genres.addAll(cluster.words("live genres"));
            return genres;
        }
        List<String> own = cluster.words("genres");
        genres.add(own.getFirst());
        for (String extra : own.subList(1, own.size())) {
            if (random.nextDouble() < 0.5) {
                genres.add(extra);
            }
        }
        if (kind.equals("game")) {
            for (String gameGenre : cluster.words("game genres")) {
                if (!genres.contains(gameGenre)) {
                    genres.add(gameGenre);
                }
            }
        }
        if (random.nextDouble() < 0.15) {
            int other = random.nextInt(TasteClusters.ALL.size() - 1);
            if (other >= clusterIndex) {
                other++;
            }
            String borrowed = TasteClusters.ALL.get(other).coreGenre();
            if (!genres.contains(borrowed)) {
                genres.add(borrowed);
            }
        }
        return genres;
    }

    private static List<String> tags(TasteCluster cluster, SplittableRandom random) {
        double draw = random.nextDouble();
        int count = draw < 0.2 ? 1 : draw < 0.8 ? 2 : 3;
        List<String> pool = new ArrayList<>(cluster.words("tags"));
        List<String> tags = new ArrayList<>(count);
        for (int i = 0; i < count && !pool.isEmpty(); i++) {
            tags.add(pool.remove(random.nextInt(pool.size())));
        }
        return tags;
    }

    /** 1975 to 2026 with most titles recent; live events 2018 to 2026. */
    private static int year(String kind, SplittableRandom random) {
        double draw = random.nextDouble();
        if (kind.equals("live_event")) {
            return 2026 - (int) Math.floor(9 * Math.pow(draw, 1.6));
        }
        return 2026 - (int) Math.floor(52 * draw * draw);
    }

    private static Integer runtime(TasteCluster cluster, String kind, SplittableRandom random) {
        return switch (kind) {
            case "movie" -> {
                List<String> range = cluster.words("runtime");
                int min = Integer.parseInt(range.get(0));
                int max = Integer.parseInt(range.get(1));
                yield min + random.nextInt(max - min + 1);
            }
            case "series", "episode" -> 25 + random.nextInt(36);
            case "live_event" -> 90 + random.nextInt(91);
            default -> null;
        };
    }

    /** All eight regions for about 80% of titles, otherwise a smaller subset in the canonical order. */
    private static List<String> regions(SplittableRandom random) {
        if (random.nextDouble() < 0.8) {
            return REGIONS;
        }
        List<String> subset = new ArrayList<>();
        for (String region : REGIONS) {
            if (random.nextBoolean()) {
                subset.add(region);
            }
        }
        if (subset.isEmpty()) {
            subset.add(REGIONS.get(random.nextInt(REGIONS.size())));
        } else if (subset.size() == REGIONS.size()) {
            subset.remove(random.nextInt(subset.size()));
        }
        return subset;
    }
}
