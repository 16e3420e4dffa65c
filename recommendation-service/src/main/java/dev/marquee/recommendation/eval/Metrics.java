package dev.marquee.recommendation.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranking metrics with binary relevance, as used by the offline evaluation. Each per-user metric looks at the first
 * {@code k} entries of a ranked list (a duplicate entry counts once, at its first position) against the set of
 * relevant titles; with no relevant titles every per-user metric is 0.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Relevant titles among the first k, divided by k. */
    public static double precisionAt(List<String> ranked, Set<String> relevant, int k) {
        checkK(k);
        if (relevant.isEmpty()) {
            return 0;
        }
        return (double) hitCount(ranked, relevant, k) / k;
    }

    /** Relevant titles among the first k, divided by the number of relevant titles. */
    public static double recallAt(List<String> ranked, Set<String> relevant, int k) {
        checkK(k);
        if (relevant.isEmpty()) {
            return 0;
        }
        return (double) hitCount(ranked, relevant, k) / relevant.size();
    }

    /**
     * Normalised discounted cumulative gain: the gain of a relevant title at 1-based rank r is {@code 1/log2(r+1)},
     * divided by the gain of a perfect list with {@code min(k, |relevant|)} relevant titles on top.
     */
    public static double ndcgAt(List<String> ranked, Set<String> relevant, int k) {
        checkK(k);
        if (relevant.isEmpty()) {
            return 0;
        }
        double dcg = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            String title = ranked.get(i);
            if (seen.add(title) && relevant.contains(title)) {
                dcg += discount(i + 1);
            }
        }
        double ideal = 0;
        for (int rank = 1; rank <= Math.min(k, relevant.size()); rank++) {
            ideal += discount(rank);
        }
        return dcg / ideal;
    }

    /**
     * Average precision at k: the sum of the precision at the rank of each relevant title among the first k,
     * divided by {@code min(k, |relevant|)}.
     */
    public static double averagePrecisionAt(List<String> ranked, Set<String> relevant, int k) {
        checkK(k);
        if (relevant.isEmpty()) {
            return 0;
        }
        double sum = 0;
        int hits = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            String title = ranked.get(i);
            if (seen.add(title) && relevant.contains(title)) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / Math.min(k, relevant.size());
    }

    /** The share of the catalog that was recommended to anyone. */
    public static double coverage(Set<String> recommendedAnywhere, int catalogSize) {
        if (catalogSize <= 0) {
            throw new IllegalArgumentException("catalogSize must be positive, got " + catalogSize);
        }
        return (double) recommendedAnywhere.size() / catalogSize;
    }

    /**
     * The mean self-information {@code -log2 p(i)} over every recommended entry of every list, where
     * {@code p(i) = (training users with a positive interaction with i + 1) / (training users + 1)}; higher means
     * the recommendations are less obvious. 0 when nothing was recommended.
     *
     * @param recommendations one ranked list per user
     * @param positiveUsers per title, the number of distinct training users with a positive interaction with it
     *     (absent means 0)
     * @param trainingUsers the number of distinct users in the training data
     */
    public static double novelty(List<List<String>> recommendations, Map<String, Integer> positiveUsers,
            int trainingUsers) {
        if (trainingUsers < 0) {
            throw new IllegalArgumentException("trainingUsers must not be negative, got " + trainingUsers);
        }
        double sum = 0;
        long count = 0;
        for (List<String> list : recommendations) {
            for (String title : list) {
                double p = (positiveUsers.getOrDefault(title, 0) + 1.0) / (trainingUsers + 1.0);
                sum += -Math.log(p) / Math.log(2);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static int hitCount(List<String> ranked, Set<String> relevant, int k) {
        Set<String> seen = new HashSet<>();
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            String title = ranked.get(i);
            if (seen.add(title) && relevant.contains(title)) {
                hits++;
            }
        }
        return hits;
    }

    private static double discount(int rank) {
        return Math.log(2) / Math.log(rank + 1.0);
    }

    private static void checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
    }
}
