package dev.marquee.recommendation.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {

    private static final double EPS = 1e-12;
    private static final List<String> RANKED = List.of("a", "b", "c", "d");
    private static final Set<String> RELEVANT = Set.of("b", "d");

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void precisionAndRecallCountHitsInTheFirstK() {
        assertThat(Metrics.precisionAt(RANKED, RELEVANT, 4)).isCloseTo(0.5, within(EPS));
        assertThat(Metrics.recallAt(RANKED, RELEVANT, 4)).isCloseTo(1.0, within(EPS));
        assertThat(Metrics.precisionAt(RANKED, RELEVANT, 2)).isCloseTo(0.5, within(EPS));
        assertThat(Metrics.recallAt(RANKED, RELEVANT, 2)).isCloseTo(0.5, within(EPS));
        assertThat(Metrics.precisionAt(RANKED, RELEVANT, 1)).isZero();
    }

    @Test
    void ndcgDiscountsByRankAndNormalisesByTheIdealList() {
        double expected = (1 / log2(3) + 1 / log2(5)) / (1 + 1 / log2(3));
        assertThat(Metrics.ndcgAt(RANKED, RELEVANT, 4)).isCloseTo(expected, within(EPS));
        assertThat(Metrics.ndcgAt(RANKED, RELEVANT, 2)).isCloseTo((1 / log2(3)) / (1 + 1 / log2(3)), within(EPS));
        assertThat(Metrics.ndcgAt(List.of("d", "b", "a"), RELEVANT, 4)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void averagePrecisionAveragesThePrecisionAtEachHit() {
        assertThat(Metrics.averagePrecisionAt(RANKED, RELEVANT, 4)).isCloseTo((1.0 / 2 + 2.0 / 4) / 2, within(EPS));
        assertThat(Metrics.averagePrecisionAt(RANKED, RELEVANT, 2)).isCloseTo((1.0 / 2) / 2, within(EPS));
        assertThat(Metrics.averagePrecisionAt(List.of("b", "d", "a"), RELEVANT, 3)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void averagePrecisionIsNormalisedByKWhenThereAreMoreRelevantTitlesThanK() {
        // relevant has 3 titles, k = 2: a perfect top-2 scores 1.
        assertThat(Metrics.averagePrecisionAt(List.of("x", "y"), Set.of("x", "y", "z"), 2)).isCloseTo(1.0,
                within(EPS));
        assertThat(Metrics.ndcgAt(List.of("x", "y"), Set.of("x", "y", "z"), 2)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void aShortListIsScoredAgainstK() {
        List<String> ranked = List.of("a", "b");
        Set<String> relevant = Set.of("a", "x", "y");
        assertThat(Metrics.precisionAt(ranked, relevant, 5)).isCloseTo(1.0 / 5, within(EPS));
        assertThat(Metrics.recallAt(ranked, relevant, 5)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(Metrics.ndcgAt(ranked, relevant, 5)).isCloseTo(1 / (1 + 1 / log2(3) + 1 / log2(4)), within(EPS));
        assertThat(Metrics.averagePrecisionAt(ranked, relevant, 5)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(Metrics.ndcgAt(List.of(), relevant, 5)).isZero();
    }

    @Test
    void aDuplicateEntryCountsOnce() {
        List<String> ranked = List.of("b", "b", "d");
        assertThat(Metrics.precisionAt(ranked, RELEVANT, 3)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(Metrics.ndcgAt(ranked, RELEVANT, 3)).isCloseTo((1 + 1 / log2(4)) / (1 + 1 / log2(3)),
                within(EPS));
        assertThat(Metrics.averagePrecisionAt(ranked, RELEVANT, 3)).isCloseTo((1 + 2.0 / 3) / 2, within(EPS));
    }

    @Test
    void everyMetricIsZeroWithoutRelevantTitles() {
        assertThat(Metrics.precisionAt(RANKED, Set.of(), 3)).isZero();
        assertThat(Metrics.recallAt(RANKED, Set.of(), 3)).isZero();
        assertThat(Metrics.ndcgAt(RANKED, Set.of(), 3)).isZero();
        assertThat(Metrics.averagePrecisionAt(RANKED, Set.of(), 3)).isZero();
    }

    @Test
    void kMustBePositive() {
        assertThatThrownBy(() -> Metrics.precisionAt(RANKED, RELEVANT, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metrics.ndcgAt(RANKED, RELEVANT, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coverageIsTheShareOfTheCatalogRecommendedToAnyone() {
        assertThat(Metrics.coverage(Set.of("a", "b", "c"), 12)).isCloseTo(0.25, within(EPS));
        assertThat(Metrics.coverage(Set.of(), 5)).isZero();
        assertThatThrownBy(() -> Metrics.coverage(Set.of("a"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noveltyIsTheMeanSelfInformationOfRecommendedEntries() {
        // 7 training users; a has 3 positive users: p = 4/8 (1 bit); b has none: p = 1/8 (3 bits).
        double novelty = Metrics.novelty(List.of(List.of("a", "b"), List.of("a")), Map.of("a", 3), 7);
        assertThat(novelty).isCloseTo((1 + 3 + 1) / 3.0, within(EPS));
        assertThat(Metrics.novelty(List.of(List.of(), List.of()), Map.of(), 7)).isZero();
    }

    @Test
    void rarerRecommendationsAreMoreNovel() {
        Map<String, Integer> positives = Map.of("hit", 90, "niche", 2);
        assertThat(Metrics.novelty(List.of(List.of("niche")), positives, 100))
                .isGreaterThan(Metrics.novelty(List.of(List.of("hit")), positives, 100));
    }
}
