package dev.marquee.gateway.protection;

import dev.marquee.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private RateLimiter limiter(int userPerMinute, int userBurst, int ipPerMinute, int ipBurst) {
        return new RateLimiter(new Limits(true, userPerMinute, userBurst, ipPerMinute, ipBurst), now::get);
    }

    @Test
    void aUserGetsTheBurstThenOneRequestPerRefillAndIsToldWhenToComeBack() {
        RateLimiter limiter = limiter(60, 3, 1000, 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit("ann", "10.0.0.1")).isNull();
        }
        RateLimiter.Refusal refusal = limiter.admit("ann", "10.0.0.1");
        assertThat(refusal).isEqualTo(new RateLimiter.Refusal("user", 60, 1));
        // Another user behind the same address is not affected.
        assertThat(limiter.admit("bob", "10.0.0.1")).isNull();

        now.addAndGet(SECOND);
        assertThat(limiter.admit("ann", "10.0.0.1")).isNull();
        assertThat(limiter.admit("ann", "10.0.0.1")).isNotNull();
    }

    @Test
    void anAddressIsLimitedAcrossUsersAndRequestsWithoutAUser() {
        RateLimiter limiter = limiter(1000, 1000, 30, 2);
        assertThat(limiter.admit("ann", "10.0.0.2")).isNull();
        assertThat(limiter.admit(null, "10.0.0.2")).isNull();
        RateLimiter.Refusal refusal = limiter.admit("bob", "10.0.0.2");
        assertThat(refusal.scope()).isEqualTo("ip");
        assertThat(refusal.retryAfterSeconds()).isEqualTo(2);
        assertThat(limiter.admit("bob", "10.0.0.3")).isNull();
    }

    @Test
    void whatIsKeptAboutAUserCanBeExportedAndErasedAndFullBucketsAreDropped() {
        RateLimiter limiter = limiter(60, 10, 1000, 1000);
        assertThat(limiter.export("ann")).isEmpty();
        limiter.admit("ann", "10.0.0.4");
        limiter.admit("ann", "10.0.0.4");
        assertThat(limiter.export("ann")).containsEntry("requestsLeft", 8).containsEntry("burst", 10)
                .containsEntry("fullAgainInSeconds", 2L);

        assertThat(limiter.forget("ann")).isOne();
        assertThat(limiter.forget("ann")).isZero();
        assertThat(limiter.export("ann")).isEmpty();

        // Once full again (10 s at one a second), the next sweep drops the bucket: nothing stays about idle users.
        limiter.admit("bob", "10.0.0.4");
        now.addAndGet(11 * SECOND);
        limiter.admit("carol", "10.0.0.5");
        assertThat(limiter.export("bob")).isEmpty();
        assertThat(limiter.export("carol")).containsEntry("requestsLeft", 9);
    }

    @Test
    void limitsCanBeSwitchedOff() {
        RateLimiter limiter = new RateLimiter(new Limits(false, 1, 1, 1, 1), now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.admit("ann", "10.0.0.6")).isNull();
        }
    }

    private record Limits(boolean enabled, int perUserPerMinute, int perUserBurst, int perIpPerMinute,
                          int perIpBurst) implements GatewayConfig.RateLimits {
    }
}
