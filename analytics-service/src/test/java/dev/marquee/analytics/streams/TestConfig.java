package dev.marquee.analytics.streams;

import dev.marquee.analytics.config.AnalyticsConfig;

import java.time.Duration;
import java.util.Map;

/** The service's defaults for topology tests, with a short grace period and k given by each test. */
record TestConfig(int minUsers, Map<String, Price> prices) implements AnalyticsConfig {
    TestConfig() {
        this(1, Map.of());
    }

    static Price price(double inputPer1k, double outputPer1k) {
        return new Price() {
            @Override
            public double inputPer1k() {
                return inputPer1k;
            }

            @Override
            public double outputPer1k() {
                return outputPer1k;
            }
        };
    }

    @Override
    public Duration window() {
        return Duration.ofHours(1);
    }

    @Override
    public Duration grace() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Duration retention() {
        return Duration.ofDays(35);
    }

    @Override
    public Duration deduplicationWindow() {
        return Duration.ofHours(24);
    }

    @Override
    public Duration defaultLookback() {
        return Duration.ofDays(1);
    }

    @Override
    public Duration attributionWindow() {
        return Duration.ofHours(2);
    }

    @Override
    public Duration feedbackWindow() {
        return Duration.ofDays(7);
    }

    @Override
    public Duration sessionTimeout() {
        return Duration.ofMinutes(30);
    }

    @Override
    public Duration kpiRefresh() {
        return Duration.ofSeconds(15);
    }

    @Override
    public String currency() {
        return "USD";
    }
}
