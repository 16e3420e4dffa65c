package dev.marquee.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of gateway-service ({@code marquee.gateway.*}). */
@ConfigMapping(prefix = "marquee.gateway")
public interface GatewayConfig {
    Telemetry telemetry();

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
}
