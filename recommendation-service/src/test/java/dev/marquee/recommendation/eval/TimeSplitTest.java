package dev.marquee.recommendation.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeSplitTest {

    private static List<LoggedInteraction> log(long... timestamps) {
        List<LoggedInteraction> log = new ArrayList<>();
        for (int i = 0; i < timestamps.length; i++) {
            log.add(new LoggedInteraction("u" + (i % 3), "mv-" + i, "play", null, timestamps[i]));
        }
        return log;
    }

    @Test
    void cutsAtTheTrainFractionQuantile() {
        TimeSplit.Split split = TimeSplit.byTime(log(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.8);
        assertThat(split.cutoffMillis()).isEqualTo(9);
        assertThat(split.train()).extracting(LoggedInteraction::timestampMillis)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(split.test()).extracting(LoggedInteraction::timestampMillis).containsExactly(9L, 10L);
    }

    @Test
    void tiesWithTheCutoffAllGoToTest() {
        TimeSplit.Split split = TimeSplit.byTime(log(1, 2, 3, 3, 3, 4), 0.5);
        assertThat(split.cutoffMillis()).isEqualTo(3);
        assertThat(split.train()).extracting(LoggedInteraction::timestampMillis).containsExactly(1L, 2L);
        assertThat(split.test()).extracting(LoggedInteraction::timestampMillis).containsExactly(3L, 3L, 3L, 4L);
    }

    @Test
    void nothingInTrainingHappensAfterAnythingInTest() {
        Dataset dataset = SyntheticData.generate(3, 100, 60, 900);
        TimeSplit.Split split = TimeSplit.byTime(dataset.interactions(), 0.7);
        assertThat(split.train().size() + split.test().size()).isEqualTo(900);
        assertThat(split.train()).allSatisfy(i -> assertThat(i.timestampMillis()).isLessThan(split.cutoffMillis()));
        assertThat(split.test()).allSatisfy(i -> assertThat(i.timestampMillis())
                .isGreaterThanOrEqualTo(split.cutoffMillis()));
        assertThat(split.train().size()).isBetween(600, 630);
    }

    @Test
    void rejectsAnUnorderedLogAnEmptyLogAndBadFractions() {
        assertThatThrownBy(() -> TimeSplit.byTime(log(1, 3, 2), 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time order");
        assertThatThrownBy(() -> TimeSplit.byTime(List.of(), 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeSplit.byTime(log(1, 2), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeSplit.byTime(log(1, 2), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeSplit.byTime(log(1, 2), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
