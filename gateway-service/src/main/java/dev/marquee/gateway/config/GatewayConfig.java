package dev.marquee.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of gateway-service ({@code marquee.gateway.*}). */
@ConfigMapping(prefix = "marquee.gateway")
public interface GatewayConfig {
    Telemetry telemetry();

    RateLimits rateLimits();

    interface Telemetry {
        /** How far in the future a device's clock may put an interaction before it is refused. */
        @WithDefault("5m")
        Duration maxClockSkew();

        /** How old an interaction may be when it arrives (devices that were offline send late). */
        @WithDefault("7d")
        Duration maxAge();

        /** How long to wait for Kafka to store an interaction before answering 503. */
        @WithDefault("10s")
        Duration ackTimeout();
    }

    /**
     * Request rate limits of the public API, per user (token subject) and per client IP address, as token buckets
     * kept in each replica's memory: with n replicas behind a load balancer a client gets up to n times the rate.
     */
    interface RateLimits {
        /** Whether requests are limited at all. */
        @WithDefault("true")
        boolean enabled();

        /** Per user: an app's chat, recommendations and telemetry together. */
        @WithDefault("300")
        int perUserPerMinute();

        /** How many requests a user may send at once after a quiet spell. */
        @WithDefault("100")
        int perUserBurst();

        /** Per client IP address; households and carrier NAT put many users behind one address. */
        @WithDefault("3000")
        int perIpPerMinute();

        @WithDefault("500")
        int perIpBurst();
    }
}
