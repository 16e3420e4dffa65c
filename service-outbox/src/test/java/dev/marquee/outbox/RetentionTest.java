package dev.marquee.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionTest {

    @Test
    void periodsAndAgesReadAsDays() {
        assertThat(RetentionReport.iso(Duration.ofDays(365))).isEqualTo("P365D");
        assertThat(RetentionReport.iso(Duration.ofHours(1))).isEqualTo("PT1H");
        assertThat(RetentionReport.iso(Duration.ofDays(2).plusHours(3).plusSeconds(4))).isEqualTo("P2DT3H4S");
        assertThat(RetentionReport.iso(Duration.ofMillis(-5))).as("clock skew is no negative age").isEqualTo("PT0S");
    }

    @Test
    void aPeriodOfZeroKeepsForeverAndANegativeOneIsRefused() {
        assertThat(new Retention.Policy("transcripts", Duration.ZERO, "SELECT NULL", List.of()).keptForever())
                .isTrue();
        assertThat(new Retention.Policy("transcripts", Duration.ofDays(1), "SELECT NULL", List.of()).keptForever())
                .isFalse();
        assertThatThrownBy(() -> new Retention.Policy("transcripts", Duration.ofDays(-1), "SELECT NULL", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
