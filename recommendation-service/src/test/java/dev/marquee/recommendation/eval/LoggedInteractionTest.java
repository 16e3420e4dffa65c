package dev.marquee.recommendation.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoggedInteractionTest {

    @ParameterizedTest
    @CsvSource({"play,true", "complete,true", "like,true", "purchase,true", "click,false", "impression,false",
        "dislike,false"})
    void positiveDependsOnTheType(String type, boolean positive) {
        assertThat(new LoggedInteraction("u", "mv-1", type, null, 0).positive()).isEqualTo(positive);
    }

    @ParameterizedTest
    @CsvSource({"1,false", "2,false", "3,false", "4,true", "5,true"})
    void aRatingIsPositiveFromFour(int rating, boolean positive) {
        assertThat(new LoggedInteraction("u", "mv-1", "rating", rating, 0).positive()).isEqualTo(positive);
    }

    @Test
    void onlyRatingsCarryAValueFromOneToFive() {
        assertThatThrownBy(() -> new LoggedInteraction("u", "mv-1", "play", 5, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoggedInteraction("u", "mv-1", "rating", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoggedInteraction("u", "mv-1", "rating", 6, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoggedInteraction("u", "mv-1", "rating", 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsUnknownTypesAndBlankIds() {
        assertThatThrownBy(() -> new LoggedInteraction("u", "mv-1", "watch", null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("watch");
        assertThatThrownBy(() -> new LoggedInteraction(" ", "mv-1", "play", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
