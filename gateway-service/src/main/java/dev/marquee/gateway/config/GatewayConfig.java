package dev.marquee.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Configuration of gateway-service ({@code marquee.gateway.*}). */
@ConfigMapping(prefix = "marquee.gateway")
public interface GatewayConfig {
    Telemetry telemetry();

    RateLimits rateLimits();

    Downstream downstream();

    Web web();

    /** The web chat page ({@code /chat/}): where it signs users in (authorization code with PKCE). */
    interface Web {
        /**
         * The issuer the page signs users in through, as browsers reach it; by default the services' issuer
         * ({@code quarkus.oidc.auth-server-url}).
         */
        Optional<String> issuer();

        /** The public OIDC client of the page (no secret; PKCE); its redirect URIs must include the page. */
        @WithDefault("marquee-web")
        String clientId();
    }

    /**
     * Calls to the internal services (timeouts are the REST clients': {@code quarkus.rest-client.connect-timeout},
     * {@code read-timeout}).
     */
    interface Downstream {
        /** How often a call of an idempotent request (GET, HEAD, PUT, DELETE) is tried again when unanswered. */
        @WithDefault("2")
        int retries();

        /** Wait before the first retry; doubled before each further one. */
        @WithDefault("100ms")
        Duration retryBackoff();

        /** Failed calls in a row (unanswered, or a 5xx answer) after which a service's circuit opens. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 at once before one trial call goes through. */
        @WithDefault("5s")
        Duration openFor();
    }

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
