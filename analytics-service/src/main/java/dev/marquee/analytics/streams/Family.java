package dev.marquee.analytics.streams;

import dev.marquee.events.Topic;

/**
 * The kinds of aggregate, each with its dimensions and counters. Counter 0 is always the number of distinct users
 * with analytics consent, which decides whether the aggregate may be shown to analysts (k-anonymity).
 */
enum Family {
    ENGAGEMENT(Topic.ANALYTICS_ENGAGEMENT, "engagement", 3, 6, false),
    SATISFACTION(Topic.ANALYTICS_SATISFACTION, "satisfaction", 3, 7, false),
    CONVERSION(Topic.ANALYTICS_CONVERSION, "conversion", 4, 7, false),
    MODEL_USAGE(Topic.ANALYTICS_MODEL_USAGE, "model-usage", 2, 4, true);

    static final int USERS = 0;

    // ENGAGEMENT (brand, channel, persona)
    static final int RETURNING = 1;
    static final int CONVERSATIONS = 2;
    static final int TURNS = 3;
    static final int SESSION_MILLIS = 4;
    static final int SESSIONS = 5;

    // SATISFACTION (brand, channel, persona)
    static final int SAT_TURNS = 1;
    static final int THUMBS_UP = 2;
    static final int THUMBS_DOWN = 3;
    static final int HANDOFFS = 4;
    static final int GUARDRAIL_TURNS = 5;
    static final int FALLBACKS = 6;

    // CONVERSION (brand, source, strategy, variant): lists served, then lists reaching each stage
    static final int SERVED = 1;
    static final int IMPRESSIONS = 2;
    static final int CLICKS = 3;
    static final int PLAYS = 4;
    static final int COMPLETES = 5;
    static final int PURCHASES = 6;

    // MODEL_USAGE (model, persona), plus a latency histogram
    static final int USAGE_TURNS = 1;
    static final int TOKENS_IN = 2;
    static final int TOKENS_OUT = 3;

    private final Topic topic;
    private final String wireName;
    private final int dimensions;
    private final int counters;
    private final boolean latency;

    Family(Topic topic, String wireName, int dimensions, int counters, boolean latency) {
        this.topic = topic;
        this.wireName = wireName;
        this.dimensions = dimensions;
        this.counters = counters;
        this.latency = latency;
    }

    Topic topic() {
        return topic;
    }

    String wireName() {
        return wireName;
    }

    /** How many dimension values its key has. */
    int dimensions() {
        return dimensions;
    }

    int counters() {
        return counters;
    }

    /** Whether it keeps a latency histogram. */
    boolean latency() {
        return latency;
    }

    static Family fromWireName(String value) {
        for (Family f : values()) {
            if (f.wireName.equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown aggregate '" + value + "'");
    }
}
