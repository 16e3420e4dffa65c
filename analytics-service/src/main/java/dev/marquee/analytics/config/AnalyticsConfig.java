package dev.marquee.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of analytics-service ({@code marquee.analytics.*}). */
@ConfigMapping(prefix = "marquee.analytics")
public interface AnalyticsConfig {
    /** Size of the tumbling windows events are counted in. */
    @WithDefault("1h")
    Duration window();

    /** How late (in event time) an event may arrive and still be counted in its window. */
    @WithDefault("10m")
    Duration grace();

    /** How far back the REST query looks when the caller gives no start. */
    @WithDefault("24h")
    Duration defaultLookback();
}
