package dev.marquee.analytics.streams;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.events.ConversionWindow;
import dev.marquee.events.EngagementWindow;
import dev.marquee.events.ModelUsageWindow;
import dev.marquee.events.SatisfactionWindow;

import java.time.Instant;

/** Turns a window's tally into the record analysts read: dimensions named, rates and percentiles worked out. */
final class Aggregates {
    private final AnalyticsConfig config;

    Aggregates(AnalyticsConfig config) {
        this.config = config;
    }

    /** The family, granularity and dimension values of an aggregate key ({@code family|granularity|dims...}). */
    record Key(Family family, Granularity granularity, String[] dimensions) {
        static Key parse(String aggregateKey) {
            String[] parts = aggregateKey.split("\\|", -1);
            Family family = Family.fromWireName(parts[0]);
            String[] dims = new String[family.dimensions()];
            System.arraycopy(parts, 2, dims, 0, Math.min(dims.length, parts.length - 2));
            return new Key(family, Granularity.fromWireName(parts[1]), dims);
        }
    }

    /** Whether analysts may see it: at least k distinct users with analytics consent behind it. */
    boolean publishable(Tally tally) {
        return tally.users() >= config.minUsers();
    }

    Object toRecord(Key key, long windowStart, Tally tally, Instant updatedAt) {
        Instant start = Instant.ofEpochMilli(windowStart);
        Instant end = start.plus(key.granularity().size());
        String g = key.granularity().wireName();
        String[] d = key.dimensions();
        long[] c = tally.counters();
        return switch (key.family()) {
            case ENGAGEMENT -> new EngagementWindow(g, start, end, d[0], d[1], d[2], c[Family.USERS],
                    c[Family.RETURNING], c[Family.CONVERSATIONS], c[Family.TURNS],
                    ratio(c[Family.TURNS], c[Family.CONVERSATIONS]),
                    ratio(c[Family.SESSION_MILLIS], c[Family.SESSIONS]) / 1000.0, updatedAt);
            case SATISFACTION -> new SatisfactionWindow(g, start, end, d[0], d[1], d[2], c[Family.USERS],
                    c[Family.SAT_TURNS], c[Family.THUMBS_UP], c[Family.THUMBS_DOWN],
                    ratio(c[Family.THUMBS_UP], c[Family.THUMBS_UP] + c[Family.THUMBS_DOWN]),
                    c[Family.HANDOFFS], ratio(c[Family.HANDOFFS], c[Family.SAT_TURNS]),
                    c[Family.GUARDRAIL_TURNS], ratio(c[Family.GUARDRAIL_TURNS], c[Family.SAT_TURNS]),
                    c[Family.FALLBACKS], ratio(c[Family.FALLBACKS], c[Family.SAT_TURNS]), updatedAt);
            case CONVERSION -> new ConversionWindow(g, start, end, d[0], d[1], d[2], d[3], c[Family.USERS],
                    c[Family.SERVED], c[Family.IMPRESSIONS], c[Family.CLICKS], c[Family.PLAYS], c[Family.COMPLETES],
                    c[Family.PURCHASES], ratio(c[Family.CLICKS], c[Family.SERVED]),
                    ratio(c[Family.PLAYS], c[Family.SERVED]), ratio(c[Family.COMPLETES], c[Family.SERVED]),
                    ratio(c[Family.PURCHASES], c[Family.SERVED]), updatedAt);
            case MODEL_USAGE -> {
                AnalyticsConfig.Price price = config.prices().get(d[0]);
                double cost = price == null ? 0 : c[Family.TOKENS_IN] / 1000.0 * price.inputPer1k()
                        + c[Family.TOKENS_OUT] / 1000.0 * price.outputPer1k();
                yield new ModelUsageWindow(g, start, end, d[0], d[1], c[Family.USERS], c[Family.USAGE_TURNS],
                        LatencyHistogram.quantile(tally.latencies(), 0.50),
                        LatencyHistogram.quantile(tally.latencies(), 0.90),
                        LatencyHistogram.quantile(tally.latencies(), 0.99),
                        c[Family.TOKENS_IN], c[Family.TOKENS_OUT], cost, config.currency(), updatedAt);
            }
        };
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
