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

    /**
     * How late (in event time, behind the newest event seen) an event may arrive and still be counted in its
     * window; later ones are dropped (Kafka Streams' dropped-records metric counts them).
     */
    @WithDefault("24h")
    Duration grace();

    /** How long window counts are kept and can be queried; at least window + grace. */
    @WithDefault("35d")
    Duration retention();

    /** How long an event id is remembered to drop redelivered copies of the event. */
    @WithDefault("24h")
    Duration deduplicationWindow();

    /** How far back the REST query looks when the caller gives no start. */
    @WithDefault("24h")
    Duration defaultLookback();
}
