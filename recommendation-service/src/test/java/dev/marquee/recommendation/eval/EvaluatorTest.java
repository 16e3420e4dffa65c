package dev.marquee.recommendation.eval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvaluatorTest {

    private static final double EPS = 1e-12;
    private static Dataset synthetic;

    @BeforeAll
    static void generate() {
        synthetic = SyntheticData.generate(42, 300, 300, 15_000);
    }

    private static CatalogItem movie(String id) {
        return new CatalogItem(id, "movie", "Title " + id, "Synopsis of " + id + ".", List.of("drama"), List.of(),
                List.of(), 2020, 100, 0, List.of("US"));
    }

    private static LoggedInteraction event(long time, String user, String title, String type) {
        return new LoggedInteraction(user, title, type, type.equals("rating") ? 5 : null, time);
    }

    /**
     * Six titles, twelve interactions, cut in half: u1 and u4 are the only test users (u2's test title was seen in
     * training, u3 only clicked, u5 has no training history).
     */
    private static Dataset handMade() {
        List<CatalogItem> catalog = List.of(movie("mv-1"), movie("mv-2"), movie("mv-3"), movie("mv-4"),
                movie("mv-5"), movie("mv-6"));
        List<LoggedInteraction> log = List.of(
                event(1, "u1", "mv-1", "play"),
                event(2, "u1", "mv-2", "click"),
                event(3, "u2", "mv-1", "play"),
                event(4, "u2", "mv-3", "like"),
                event(5, "u3", "mv-4", "play"),
                event(6, "u4", "mv-5", "play"),
                event(7, "u1", "mv-3", "play"),
                event(8, "u1", "mv-2", "complete"),
                event(9, "u2", "mv-3", "play"),
                event(10, "u3", "mv-6", "click"),
                event(11, "u5", "mv-4", "play"),
                event(12, "u4", "mv-6", "rating"));
        return new Dataset("hand-made", catalog, log);
    }

    /** Remembers what it was given and answers from a fixed table. */
    private static final class Scripted implements EvaluatedRecommender {
        private final Map<String, List<String>> answers;
        final Map<String, Set<String>> excludes = new LinkedHashMap<>();
        List<LoggedInteraction> training;
        Dataset dataset;

        Scripted(Map<String, List<String>> answers) {
            this.answers = answers;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public void train(Dataset dataset, List<LoggedInteraction> training) {
            this.dataset = dataset;
            this.training = training;
        }

        @Override
        public List<String> recommend(String userId, int k, Set<String> exclude) {
            excludes.put(userId, Set.copyOf(exclude));
            return answers.getOrDefault(userId, List.of());
        }
    }

    @Test
    void followsTheProtocolOnAHandMadeLog() {
        Dataset dataset = handMade();
        Scripted scripted = new Scripted(Map.of("u1", List.of("mv-4", "mv-3"), "u4", List.of("mv-6")));
        Report report = Evaluator.evaluate(dataset, 0.5, 2, List.of(scripted));

        assertThat(report.cutoffMillis()).isEqualTo(7);
        assertThat(report.trainInteractions()).isEqualTo(6);
        assertThat(report.testInteractions()).isEqualTo(6);
        assertThat(report.testUsers()).isEqualTo(2);
        assertThat(report.catalogSize()).isEqualTo(6);
        assertThat(report.dataset()).isEqualTo("hand-made");
        assertThat(scripted.training).hasSize(6).allMatch(i -> i.timestampMillis() < 7);
        assertThat(scripted.dataset).isSameAs(dataset);
        assertThat(scripted.excludes).containsOnlyKeys("u1", "u4");
        assertThat(scripted.excludes.get("u1")).containsExactlyInAnyOrder("mv-1", "mv-2");
        assertThat(scripted.excludes.get("u4")).containsExactly("mv-5");

        Report.Row row = report.row("scripted");
        double log2of3 = Math.log(3) / Math.log(2);
        assertThat(row.precision()).isCloseTo(0.5, within(EPS));
        assertThat(row.recall()).isCloseTo(1.0, within(EPS));
        assertThat(row.ndcg()).isCloseTo((1 / log2of3 + 1) / 2, within(EPS));
        assertThat(row.map()).isCloseTo((0.5 + 1) / 2, within(EPS));
        assertThat(row.coverage()).isCloseTo(3.0 / 6, within(EPS));
        // 4 training users; mv-3 and mv-4 have one positive training user each, mv-6 none.
        double expectedNovelty = (2 * -log2(2.0 / 5) + -log2(1.0 / 5)) / 3;
        assertThat(row.novelty()).isCloseTo(expectedNovelty, within(EPS));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void popularityRanksByPositiveTrainingInteractionsWithTiesById() {
        Dataset dataset = handMade();
        PopularityBaseline popularity = new PopularityBaseline();
        popularity.train(dataset, dataset.interactions().subList(0, 6));
        assertThat(popularity.name()).isEqualTo("popularity");
        assertThat(popularity.recommend("u1", 2, Set.of("mv-1", "mv-2"))).containsExactly("mv-3", "mv-4");
        assertThat(popularity.recommend("anyone", 10, Set.of()))
                .containsExactly("mv-1", "mv-3", "mv-4", "mv-5", "mv-2", "mv-6");
    }

    @Test
    void listsLongerThanKAreCut() {
        Scripted scripted = new Scripted(Map.of("u1", List.of("mv-4", "mv-5", "mv-3"), "u4", List.of("mv-6")));
        Report report = Evaluator.evaluate(handMade(), 0.5, 2, List.of(scripted));
        assertThat(report.row("scripted").recall()).isCloseTo(0.5, within(EPS));
        assertThat(report.row("scripted").coverage()).isCloseTo(3.0 / 6, within(EPS));
    }

    @Test
    void rejectsDuplicateNamesAndBadK() {
        List<EvaluatedRecommender> twice = List.of(new PopularityBaseline(), new PopularityBaseline());
        assertThatThrownBy(() -> Evaluator.evaluate(handMade(), 0.5, 2, twice))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("popularity");
        assertThatThrownBy(() -> Evaluator.evaluate(handMade(), 0.5, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReportRendersAMarkdownTable() {
        Report report = Evaluator.evaluate(handMade(), 0.5, 2, List.of(new PopularityBaseline()));
        String[] lines = report.table().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("| recommender | P@2 | R@2 | NDCG@2 | MAP@2 |");
        assertThat(lines[1]).startsWith("|---|");
        assertThat(lines[2]).matches("\\| popularity( \\| \\d+\\.\\d{4}){6}( \\| \\d+){2} \\|");
        assertThat(report.summary()).contains("hand-made", "2 test users", "k=2");
        assertThatThrownBy(() -> report.row("nope")).isInstanceOf(NoSuchElementException.class);
    }

    /** Knows the future: returns the user's positive test titles. */
    private static final class Oracle implements EvaluatedRecommender {
        private final Map<String, List<String>> future = new HashMap<>();

        Oracle(Dataset dataset, double trainFraction) {
            for (LoggedInteraction i : TimeSplit.byTime(dataset.interactions(), trainFraction).test()) {
                if (i.positive()) {
                    List<String> titles = future.computeIfAbsent(i.userId(), u -> new ArrayList<>());
                    if (!titles.contains(i.titleId())) {
                        titles.add(i.titleId());
                    }
                }
            }
        }

        @Override
        public String name() {
            return "oracle";
        }

        @Override
        public void train(Dataset dataset, List<LoggedInteraction> training) {
        }

        @Override
        public List<String> recommend(String userId, int k, Set<String> exclude) {
            return future.getOrDefault(userId, List.of()).stream().filter(t -> !exclude.contains(t)).limit(k)
                    .toList();
        }
    }

    /** Uniformly random unseen titles, seeded. */
    private static final class RandomTitles implements EvaluatedRecommender {
        private final Random random = new Random(5);
        private List<String> titles = List.of();

        @Override
        public String name() {
            return "random";
        }

        @Override
        public void train(Dataset dataset, List<LoggedInteraction> training) {
            titles = dataset.catalog().stream().map(CatalogItem::id).toList();
        }

        @Override
        public List<String> recommend(String userId, int k, Set<String> exclude) {
            Set<String> picked = new LinkedHashSet<>();
            while (picked.size() < k) {
                String title = titles.get(random.nextInt(titles.size()));
                if (!exclude.contains(title)) {
                    picked.add(title);
                }
            }
            return List.copyOf(picked);
        }
    }

    /**
     * A minimal content recommender: scores titles by how often the user's positive titles share their genres,
     * times a gentle popularity factor. It sees only genres, so beating popularity shows the taste structure is in
     * the content.
     */
    private static final class GenreProfile implements EvaluatedRecommender {
        private final Map<String, Map<String, Integer>> profiles = new HashMap<>();
        private final Map<String, Integer> positives = new HashMap<>();
        private List<CatalogItem> catalog = List.of();

        @Override
        public String name() {
            return "genre-profile";
        }

        @Override
        public void train(Dataset dataset, List<LoggedInteraction> training) {
            catalog = dataset.catalog();
            Map<String, CatalogItem> byId = new HashMap<>();
            catalog.forEach(item -> byId.put(item.id(), item));
            for (LoggedInteraction i : training) {
                if (i.positive()) {
                    positives.merge(i.titleId(), 1, Integer::sum);
                    Map<String, Integer> profile = profiles.computeIfAbsent(i.userId(), u -> new HashMap<>());
                    byId.get(i.titleId()).genres().forEach(g -> profile.merge(g, 1, Integer::sum));
                }
            }
        }

        @Override
        public List<String> recommend(String userId, int k, Set<String> exclude) {
            Map<String, Integer> profile = profiles.getOrDefault(userId, Map.of());
            BiFunction<CatalogItem, Map<String, Integer>, Double> score = (item, p) -> item.genres().stream()
                    .mapToDouble(g -> p.getOrDefault(g, 0)).sum() / item.genres().size()
                    * Math.log(2 + positives.getOrDefault(item.id(), 0));
            return catalog.stream().filter(item -> !exclude.contains(item.id()))
                    .sorted(Comparator.comparingDouble((CatalogItem item) -> -score.apply(item, profile))
                            .thenComparing(CatalogItem::id))
                    .limit(k).map(CatalogItem::id).toList();
        }
    }

    @Test
    void anOracleBeatsPopularityOnEveryMetric() {
        Report report = Evaluator.evaluate(synthetic, 0.8, 10,
                List.of(new PopularityBaseline(), new Oracle(synthetic, 0.8)));
        Report.Row popularity = report.row("popularity");
        Report.Row oracle = report.row("oracle");
        assertThat(report.testUsers()).isGreaterThan(100);
        assertThat(oracle.precision()).isGreaterThan(popularity.precision());
        assertThat(oracle.recall()).isGreaterThan(popularity.recall());
        assertThat(oracle.ndcg()).isGreaterThan(popularity.ndcg()).isCloseTo(1.0, within(EPS));
        assertThat(oracle.map()).isGreaterThan(popularity.map()).isCloseTo(1.0, within(EPS));
        assertThat(oracle.coverage()).isGreaterThan(popularity.coverage());
        assertThat(oracle.novelty()).isGreaterThan(popularity.novelty());
    }

    @Test
    void randomTitlesScoreWellBelowPopularity() {
        Report report = Evaluator.evaluate(synthetic, 0.8, 10, List.of(new PopularityBaseline(), new RandomTitles()));
        Report.Row popularity = report.row("popularity");
        Report.Row random = report.row("random");
        assertThat(popularity.ndcg()).isGreaterThan(2 * random.ndcg());
        assertThat(popularity.precision()).isGreaterThan(2 * random.precision());
        assertThat(popularity.recall()).isGreaterThan(2 * random.recall());
        assertThat(popularity.map()).isGreaterThan(2 * random.map());
        assertThat(random.coverage()).isGreaterThan(popularity.coverage());
    }

    @Test
    void aPersonalisedContentRecommenderClearlyBeatsPopularity() {
        Report report = Evaluator.evaluate(synthetic, 0.8, 10, List.of(new PopularityBaseline(), new GenreProfile()));
        assertThat(report.row("genre-profile").ndcg()).isGreaterThan(1.3 * report.row("popularity").ndcg());
        assertThat(report.row("genre-profile").recall()).isGreaterThan(1.3 * report.row("popularity").recall());
    }

    @Test
    void everyEvaluatedUserHadHistoryAndSomethingNewToFind() {
        Scripted scripted = new Scripted(Map.of());
        Evaluator.evaluate(synthetic, 0.8, 10, List.of(scripted));
        TimeSplit.Split split = TimeSplit.byTime(synthetic.interactions(), 0.8);
        Map<String, Set<String>> seen = new HashMap<>();
        split.train().forEach(i -> seen.computeIfAbsent(i.userId(), u -> new HashSet<>()).add(i.titleId()));
        Set<String> expected = new HashSet<>();
        for (LoggedInteraction i : split.test()) {
            if (i.positive() && seen.containsKey(i.userId()) && !seen.get(i.userId()).contains(i.titleId())) {
                expected.add(i.userId());
            }
        }
        assertThat(scripted.excludes.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        scripted.excludes.forEach((user, exclude) -> assertThat(exclude).isEqualTo(seen.get(user)));
    }
}
