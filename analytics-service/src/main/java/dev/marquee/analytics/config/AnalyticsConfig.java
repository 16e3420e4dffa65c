package dev.marquee.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

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

    /**
     * k of k-anonymity: an aggregate over fewer distinct users (with analytics consent) than this is not published
     * on the analyst topics nor shown to the analyst role.
     */
    @WithDefault("5")
    int minUsers();

    /** How long after a list is served an impression, click, play, completion or purchase is attributed to it. */
    @WithDefault("24h")
    Duration attributionWindow();

    /** How long a turn's channel and persona are remembered, so that feedback on it counts under them. */
    @WithDefault("7d")
    Duration feedbackWindow();

    /** After how long without a turn a conversation's session length stops growing. */
    @WithDefault("2h")
    Duration sessionTimeout();

    /** How often the business KPIs of the current hour are refreshed as Prometheus gauges. */
    @WithDefault("15s")
    Duration kpiRefresh();

    /** Currency of the model prices and estimated costs. */
    @WithDefault("USD")
    String currency();

    /** Prices per model or responder name (as in TurnCompleted's {@code responder}); models without one cost 0. */
    Map<String, Price> prices();

    /** A model's price per thousand tokens. */
    interface Price {
        double inputPer1k();

        double outputPer1k();
    }
}
