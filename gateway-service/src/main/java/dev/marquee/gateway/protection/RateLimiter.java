package dev.marquee.gateway.protection;

import dev.marquee.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The public API's request rate limits: one token bucket per client IP address and one per user. What it keeps
 * about a user (their bucket, keyed by user id, while it is not full) is personal data: {@link #forget} erases it
 * and {@link #export} describes it for the privacy sagas.
 */
@ApplicationScoped
public class RateLimiter {
    private final GatewayConfig.RateLimits limits;
    private final TokenBuckets users;
    private final TokenBuckets ips;
    private final LongSupplier clock;

    /** Which limit refused a request, and when to try again. */
    public record Refusal(String scope, int limit, long retryAfterSeconds) {
    }

    @Inject
    public RateLimiter(GatewayConfig config, MeterRegistry registry) {
        this(config.rateLimits(), System::nanoTime);
        Gauge.builder("marquee.gateway.rate.limit.buckets", users, TokenBuckets::size).tag("scope", "user")
                .description("Users with a rate-limit bucket that is not full").register(registry);
        Gauge.builder("marquee.gateway.rate.limit.buckets", ips, TokenBuckets::size).tag("scope", "ip")
                .description("Client addresses with a rate-limit bucket that is not full").register(registry);
    }

    RateLimiter(GatewayConfig.RateLimits limits, LongSupplier clock) {
        long now = clock.getAsLong();
        this.limits = limits;
        this.users = new TokenBuckets(limits.perUserPerMinute(), limits.perUserBurst(), now);
        this.ips = new TokenBuckets(limits.perIpPerMinute(), limits.perIpBurst(), now);
        this.clock = clock;
    }

    /**
     * Takes one request from the address's bucket and then from the user's; the refusal, or null to let the request
     * pass.
     *
     * @param userId the verified token's subject, or null for a request without a user
     * @param ip     the client's address
     */
    public Refusal admit(String userId, String ip) {
        if (!limits.enabled()) {
            return null;
        }
        long now = clock.getAsLong();
        TokenBuckets.Decision byIp = ips.take(ip, now);
        if (!byIp.allowed()) {
            return new Refusal("ip", limits.perIpPerMinute(), seconds(byIp.retryAfterNanos()));
        }
        if (userId != null) {
            TokenBuckets.Decision byUser = users.take(userId, now);
            if (!byUser.allowed()) {
                return new Refusal("user", limits.perUserPerMinute(), seconds(byUser.retryAfterNanos()));
            }
        }
        return null;
    }

    /** Erases what is kept about the user; the number of entries removed (0 or 1). */
    public long forget(String userId) {
        return users.forget(userId) ? 1 : 0;
    }

    /** What is kept about the user, for their data export: their bucket, if they have one now. */
    public Map<String, Object> export(String userId) {
        TokenBuckets.State state = users.state(userId, clock.getAsLong());
        Map<String, Object> data = new LinkedHashMap<>();
        if (state != null) {
            data.put("requestsLeft", state.remaining());
            data.put("burst", state.burst());
            data.put("fullAgainInSeconds", seconds(state.fullInNanos()));
        }
        return data;
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
