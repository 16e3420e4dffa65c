package dev.marquee.gateway.downstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void opensAfterTheThresholdOfFailuresInARowAndLetsOneTrialThroughAfterTheOpenPeriod() {
        CircuitBreaker breaker = new CircuitBreaker(3, 5 * SECOND);
        long now = 100 * SECOND;
        breaker.failed(now);
        breaker.failed(now);
        breaker.succeeded(); // a success in between starts the count again
        breaker.failed(now);
        breaker.failed(now);
        assertThat(breaker.waitBeforeCalling(now)).isZero();
        breaker.failed(now);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.waitBeforeCalling(now + SECOND)).isEqualTo(4 * SECOND);

        // After the open period one trial goes out; the others wait for it.
        assertThat(breaker.waitBeforeCalling(now + 5 * SECOND)).isZero();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.waitBeforeCalling(now + 5 * SECOND)).isPositive();
        // The trial fails: open again for a whole period.
        breaker.failed(now + 6 * SECOND);
        assertThat(breaker.waitBeforeCalling(now + 7 * SECOND)).isEqualTo(4 * SECOND);
        // The next trial succeeds: closed.
        assertThat(breaker.waitBeforeCalling(now + 11 * SECOND)).isZero();
        breaker.succeeded();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.waitBeforeCalling(now + 11 * SECOND)).isZero();
    }
}
