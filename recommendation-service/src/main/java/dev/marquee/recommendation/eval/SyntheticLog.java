package dev.marquee.recommendation.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulates the interaction log of {@link SyntheticData}: users with a taste for one or two clusters and a
 * heavy-tailed activity level pick titles partly by global popularity and mostly from their clusters (by popularity
 * within the cluster), over a 180-day window.
 */
final class SyntheticLog {

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(180);

    /** The share of picks that follow global popularity instead of the user's taste. */
    static final double POPULARITY_SHARE = 0.3;
    /** The minimum taste weight for which a cluster counts as "in taste" (drives rating values). */
    static final double IN_TASTE = 0.25;

    /** Popularity of the title at global rank r (from 0) is proportional to 1 / (r + GLOBAL_OFFSET). */
    private static final double GLOBAL_OFFSET = 10;
    /** Within a cluster, popularity at rank r (from 0) is proportional to 1 / (r + CLUSTER_OFFSET). */
    private static final double CLUSTER_OFFSET = 2;
    /** The spread of the log-normal activity level: the median user has about a third of the mean. */
    private static final double ACTIVITY_SIGMA = 1.0;
    private static final double REPEAT_SHARE = 0.05;
    private static final int MIN_PER_USER = 3;
    private static final int MAX_DRAWS = 20;

    private SyntheticLog() {
    }

    static List<LoggedInteraction> simulate(SyntheticData.GeneratedCatalog catalog, int users, int interactions,
            SplittableRandom random) {
        List<CatalogItem> items = catalog.items();
        int clusterCount = TasteClusters.ALL.size();
        int[] popularityOrder = permutation(items.size(), random);

        double[] globalWeights = new double[items.size()];
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < clusterCount; c++) {
            members.add(new ArrayList<>());
        }
        for (int rank = 0; rank < popularityOrder.length; rank++) {
            int item = popularityOrder[rank];
            globalWeights[item] = 1 / (rank + GLOBAL_OFFSET);
            members.get(catalog.clusters().get(item)).add(item);
        }
        Sampling.Table global = new Sampling.Table(globalWeights);
        Sampling.Table[] byCluster = new Sampling.Table[clusterCount];
        for (int c = 0; c < clusterCount; c++) {
            List<Integer> clusterItems = members.get(c);
            if (!clusterItems.isEmpty()) {
                double[] weights = new double[clusterItems.size()];
                for (int position = 0; position < weights.length; position++) {
                    weights[position] = 1 / (position + CLUSTER_OFFSET);
                }
                byCluster[c] = new Sampling.Table(weights);
            }
        }
        World world = new World(items, catalog.clusters(), members, global, byCluster);

        int[] counts = activity(users, interactions, items.size(), random);
        List<LoggedInteraction> log = new ArrayList<>(interactions);
        for (int user = 0; user < users; user++) {
            double[] taste = taste(members, random);
            simulateUser(String.format("u-%05d", user + 1), counts[user], taste, world, random, log);
        }
        log.sort(Comparator.comparingLong(LoggedInteraction::timestampMillis)
                .thenComparing(LoggedInteraction::userId));
        return log;
    }

    private record World(List<CatalogItem> items, List<Integer> clusters, List<List<Integer>> members,
            Sampling.Table global, Sampling.Table[] byCluster) {
    }

    private static void simulateUser(String userId, int count, double[] taste, World world, SplittableRandom random,
            List<LoggedInteraction> log) {
        long[] times = times(count, random);
        Set<Integer> seen = new HashSet<>();
        List<Integer> playedNotCompleted = new ArrayList<>();
        for (long time : times) {
            if (!playedNotCompleted.isEmpty() && random.nextDouble() < REPEAT_SHARE) {
                int item = playedNotCompleted.remove(random.nextInt(playedNotCompleted.size()));
                log.add(new LoggedInteraction(userId, world.items().get(item).id(), "complete", null, time));
                continue;
            }
            int item = -1;
            if (random.nextDouble() >= POPULARITY_SHARE) {
                int cluster = Sampling.index(taste, random);
                item = unseen(world.members().get(cluster), world.byCluster()[cluster], seen, random);
            }
            if (item < 0) {
                // a popularity pick, or a taste pick in a cluster the user has (nearly) exhausted
                item = unseen(null, world.global(), seen, random);
            }
            if (item < 0) {
                item = world.global().draw(random);
            }
            seen.add(item);
            CatalogItem title = world.items().get(item);
            String type = type(title.kind(), random);
            Integer rating = null;
            if (type.equals("rating")) {
                boolean inTaste = taste[world.clusters().get(item)] >= IN_TASTE;
                rating = inTaste ? 4 + random.nextInt(2) : 2 + random.nextInt(3);
            } else if (type.equals("play")) {
                playedNotCompleted.add(item);
            }
            log.add(new LoggedInteraction(userId, title.id(), type, rating, time));
        }
    }

    /**
     * A title the user has not touched, drawn by popularity from the table (whose indexes map through
     * {@code items}, or are item indexes if it is null); -1 if a few draws find only seen titles.
     */
    private static int unseen(List<Integer> items, Sampling.Table table, Set<Integer> seen, SplittableRandom random) {
        for (int attempt = 0; attempt < MAX_DRAWS; attempt++) {
            int drawn = table.draw(random);
            int item = items == null ? drawn : items.get(drawn);
            if (!seen.contains(item)) {
                return item;
            }
        }
        return -1;
    }

    /** play 45%, click 20%, complete 15%, like 8%, rating 7%, dislike 3%, purchase 2% (games and live events). */
    private static String type(String kind, SplittableRandom random) {
        double draw = random.nextDouble();
        if (draw < 0.45) {
            return "play";
        } else if (draw < 0.65) {
            return "click";
        } else if (draw < 0.80) {
            return "complete";
        } else if (draw < 0.88) {
            return "like";
        } else if (draw < 0.95) {
            return "rating";
        } else if (draw < 0.98) {
            return "dislike";
        }
        return kind.equals("game") || kind.equals("live_event") ? "purchase" : "play";
    }

    /**
     * A taste vector over clusters: 90% on one cluster, or 60% and 30% on two, with the remaining 10% spread over
     * all clusters that have titles.
     */
    private static double[] taste(List<List<Integer>> members, SplittableRandom random) {
        List<Integer> available = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            if (!members.get(c).isEmpty()) {
                available.add(c);
            }
        }
        double[] taste = new double[members.size()];
        for (int c : available) {
            taste[c] = 0.1 / available.size();
        }
        int main = available.get(random.nextInt(available.size()));
        if (available.size() == 1 || random.nextBoolean()) {
            taste[main] += 0.9;
        } else {
            int second = main;
            while (second == main) {
                second = available.get(random.nextInt(available.size()));
            }
            taste[main] += 0.6;
            taste[second] += 0.3;
        }
        return taste;
    }

    /**
     * Interactions per user: at least 3 each, the rest in proportion to a log-normal activity level (many light
     * users, a few very heavy ones), capped at half the catalog (or the mean, if that is higher) so that heavy users
     * need not repeat titles.
     */
    static int[] activity(int users, int interactions, int titles, SplittableRandom random) {
        double[] levels = new double[users];
        double total = 0;
        for (int user = 0; user < users; user++) {
            levels[user] = Math.exp(ACTIVITY_SIGMA * gaussian(random));
            total += levels[user];
        }
        int cap = Math.max((int) Math.ceil((double) interactions / users), Math.max(MIN_PER_USER, titles / 2));
        int extra = interactions - MIN_PER_USER * users;
        int[] counts = new int[users];
        long assigned = 0;
        for (int user = 0; user < users; user++) {
            counts[user] = Math.min(cap, MIN_PER_USER + (int) Math.floor(extra * levels[user] / total));
            assigned += counts[user];
        }
        for (int user = 0; assigned < interactions; user = (user + 1) % users) {
            if (counts[user] < cap) {
                counts[user]++;
                assigned++;
            }
        }
        return counts;
    }

    /** A user's interaction times: spread over a personal window of 20% to 100% of the span, in order. */
    private static long[] times(int count, SplittableRandom random) {
        long span = SPAN.toMillis();
        long window = (long) (span * (0.2 + 0.8 * random.nextDouble()));
        long start = START.toEpochMilli() + (long) ((span - window) * random.nextDouble());
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            long offset = (long) (window * random.nextDouble());
            times[i] = (start + offset) / 1000 * 1000;
        }
        Arrays.sort(times);
        return times;
    }

    /** A standard normal draw (Box-Muller), written out so the output does not depend on the JDK's algorithm. */
    private static double gaussian(SplittableRandom random) {
        double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
        return radius * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static int[] permutation(int size, SplittableRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
