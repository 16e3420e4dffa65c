package dev.marquee.recommendation.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the offline evaluation protocol: a global time split, then for every test user a top-k list from every
 * recommender, scored against the titles the user went on to engage with.
 *
 * <p>Test users are the users with at least one training interaction and at least one positive test interaction
 * with a title they did not touch in training. A user's exclude set is every title they touched in training; their
 * relevant set is their positive test titles outside it. Lists longer than k are cut to k.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Evaluates the recommenders, in order, on the same split.
     *
     * @throws IllegalArgumentException if two recommenders share a name, k is not positive or the split fails
     */
    public static Report evaluate(Dataset dataset, double trainFraction, int k,
            List<EvaluatedRecommender> recommenders) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        Set<String> names = new HashSet<>();
        for (EvaluatedRecommender recommender : recommenders) {
            if (!names.add(recommender.name())) {
                throw new IllegalArgumentException("two recommenders are named '" + recommender.name() + "'");
            }
        }
        TimeSplit.Split split = TimeSplit.byTime(dataset.interactions(), trainFraction);
        Map<String, Set<String>> seenInTraining = titlesByUser(split.train(), false);
        Map<String, Set<String>> relevantByUser = new TreeMap<>();
        titlesByUser(split.test(), true).forEach((user, positives) -> {
            Set<String> seen = seenInTraining.get(user);
            if (seen == null) {
                return;
            }
            Set<String> relevant = new LinkedHashSet<>(positives);
            relevant.removeAll(seen);
            if (!relevant.isEmpty()) {
                relevantByUser.put(user, Collections.unmodifiableSet(relevant));
            }
        });
        Map<String, Integer> positiveUsers = positiveUserCounts(split.train());
        int trainingUsers = seenInTraining.size();

        List<Report.Row> rows = new ArrayList<>();
        for (EvaluatedRecommender recommender : recommenders) {
            long start = System.nanoTime();
            recommender.train(dataset, split.train());
            long trained = System.nanoTime();
            List<List<String>> lists = new ArrayList<>(relevantByUser.size());
            for (String user : relevantByUser.keySet()) {
                Set<String> exclude = Collections.unmodifiableSet(seenInTraining.get(user));
                List<String> list = recommender.recommend(user, k, exclude);
                lists.add(list.size() > k ? List.copyOf(list.subList(0, k)) : List.copyOf(list));
            }
            long recommended = System.nanoTime();
            rows.add(score(recommender.name(), lists, relevantByUser, k, dataset.catalog().size(), positiveUsers,
                    trainingUsers, (trained - start) / 1_000_000, (recommended - trained) / 1_000_000));
        }
        return new Report(dataset.name(), split.cutoffMillis(), split.train().size(), split.test().size(),
                relevantByUser.size(), dataset.catalog().size(), k, rows);
    }

    private static Report.Row score(String name, List<List<String>> lists, Map<String, Set<String>> relevantByUser,
            int k, int catalogSize, Map<String, Integer> positiveUsers, int trainingUsers, long trainMillis,
            long recommendMillis) {
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double map = 0;
        Set<String> recommendedAnywhere = new HashSet<>();
        int i = 0;
        for (Set<String> relevant : relevantByUser.values()) {
            List<String> list = lists.get(i++);
            precision += Metrics.precisionAt(list, relevant, k);
            recall += Metrics.recallAt(list, relevant, k);
            ndcg += Metrics.ndcgAt(list, relevant, k);
            map += Metrics.averagePrecisionAt(list, relevant, k);
            recommendedAnywhere.addAll(list);
        }
        int users = relevantByUser.size();
        double coverage = catalogSize == 0 ? 0 : Metrics.coverage(recommendedAnywhere, catalogSize);
        double novelty = Metrics.novelty(lists, positiveUsers, trainingUsers);
        return new Report.Row(name, precision / users, recall / users, ndcg / users, map / users, coverage, novelty,
                trainMillis, recommendMillis);
    }

    /** Per user, the titles they touched (or, with {@code positiveOnly}, engaged with positively), in log order. */
    private static Map<String, Set<String>> titlesByUser(List<LoggedInteraction> log, boolean positiveOnly) {
        Map<String, Set<String>> byUser = new HashMap<>();
        for (LoggedInteraction interaction : log) {
            if (!positiveOnly || interaction.positive()) {
                byUser.computeIfAbsent(interaction.userId(), user -> new LinkedHashSet<>()).add(interaction.titleId());
            }
        }
        return byUser;
    }

    private static Map<String, Integer> positiveUserCounts(List<LoggedInteraction> training) {
        Map<String, Integer> counts = new HashMap<>();
        titlesByUser(training, true).values()
                .forEach(titles -> titles.forEach(title -> counts.merge(title, 1, Integer::sum)));
        return counts;
    }
}
