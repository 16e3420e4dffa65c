package dev.marquee.events;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The topic catalogue: every Kafka topic of the suite with its key, event type, partitions, retention and
 * clean-up policy. Test brokers and the local stack create their topics from this list (and cluster topic
 * resources are to be derived from it too), so this is the one place a topic is defined.
 */
public enum Topic {
    DIALOGUE_TURNS("marquee.dialogue.turns.v1", EventType.TURN_COMPLETED, "user id", Duration.ofDays(30), false),
    DIALOGUE_FEEDBACK("marquee.dialogue.feedback.v1", EventType.TURN_FEEDBACK, "user id", Duration.ofDays(30), false),
    DIALOGUE_HANDOFFS("marquee.dialogue.handoffs.v1", EventType.HANDOFF_REQUESTED, "user id", Duration.ofDays(30),
            false),
    DIALOGUE_PREFERENCES("marquee.dialogue.preferences.v1", EventType.PREFERENCE_STATED, "user id",
            Duration.ofDays(30), false),
    INTERACTIONS("marquee.interactions.v1", EventType.INTERACTION, "user id", Duration.ofDays(30), false),
    RECOMMENDATIONS_SERVED("marquee.recommendations.served.v1", EventType.RECOMMENDATION_SERVED, "user id",
            Duration.ofDays(30), false),
    PRIVACY_CONSENT("marquee.privacy.consent.v1", EventType.CONSENT_CHANGED, "user id", null, true),
    PRIVACY_ERASURE_REQUESTS("marquee.privacy.erasure-requests.v1", EventType.ERASURE_REQUESTED, "user id",
            Duration.ofDays(30), false),
    PRIVACY_ERASURE_COMPLETIONS("marquee.privacy.erasure-completions.v1", EventType.ERASURE_COMPLETED, "user id",
            Duration.ofDays(30), false),
    /* Exports carry the user's data itself, so Kafka keeps them one day; the bundle lives in privacy-service. */
    PRIVACY_EXPORT_REQUESTS("marquee.privacy.export-requests.v1", EventType.EXPORT_REQUESTED, "user id",
            Duration.ofDays(1), false),
    PRIVACY_EXPORT_CONTRIBUTIONS("marquee.privacy.export-contributions.v1", EventType.EXPORT_CONTRIBUTED, "user id",
            Duration.ofDays(1), false),
    ANALYTICS_COUNTS("marquee.analytics.counts.v1", EventType.WINDOWED_COUNT, "metric@windowStart",
            Duration.ofDays(90), true),
    /* Analyst topics: compacted (the latest value of each window) and deleted after 400 days. */
    ANALYTICS_ENGAGEMENT("marquee.analytics.engagement.v1", EventType.ENGAGEMENT_WINDOW,
            "granularity|brand|channel|persona|windowStart", Duration.ofDays(400), true),
    ANALYTICS_SATISFACTION("marquee.analytics.satisfaction.v1", EventType.SATISFACTION_WINDOW,
            "granularity|brand|channel|persona|windowStart", Duration.ofDays(400), true),
    ANALYTICS_CONVERSION("marquee.analytics.conversion.v1", EventType.CONVERSION_WINDOW,
            "granularity|brand|source|strategy|variant|windowStart", Duration.ofDays(400), true),
    ANALYTICS_MODEL_USAGE("marquee.analytics.model-usage.v1", EventType.MODEL_USAGE_WINDOW,
            "granularity|model|persona|windowStart", Duration.ofDays(400), true),

    /* Dead-letter topics: one per consuming service; records keep the original key, value and headers,
       plus dead-letter-* headers saying where they came from and why they were rejected. */
    DIALOGUE_DLQ("marquee.dialogue.dlq.v1", null, "original key", Duration.ofDays(14), false),
    RECOMMENDATION_DLQ("marquee.recommendation.dlq.v1", null, "original key", Duration.ofDays(14), false),
    ANALYTICS_DLQ("marquee.analytics.dlq.v1", null, "original key", Duration.ofDays(14), false),
    PRIVACY_DLQ("marquee.privacy.dlq.v1", null, "original key", Duration.ofDays(14), false),
    GATEWAY_DLQ("marquee.gateway.dlq.v1", null, "original key", Duration.ofDays(14), false);

    /** Partitions of every topic: enough for six consumer instances per group. */
    public static final int DEFAULT_PARTITIONS = 6;

    private final String topicName;
    private final EventType eventType;
    private final String key;
    private final Duration retention;
    private final boolean compacted;

    Topic(String topicName, EventType eventType, String key, Duration retention, boolean compacted) {
        this.topicName = topicName;
        this.eventType = eventType;
        this.key = key;
        this.retention = retention;
        this.compacted = compacted;
    }

    public String topicName() {
        return topicName;
    }

    /** The event type carried, empty for dead-letter topics (they carry whatever was rejected). */
    public Optional<EventType> eventType() {
        return Optional.ofNullable(eventType);
    }

    /** What the record key is. */
    public String key() {
        return key;
    }

    public int partitions() {
        return DEFAULT_PARTITIONS;
    }

    /** How long records are kept; empty means forever (compacted state topics). */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    public boolean compacted() {
        return compacted;
    }

    public boolean deadLetter() {
        return eventType == null;
    }

    /** Topic-level Kafka configuration ({@code cleanup.policy}, {@code retention.ms}). */
    public java.util.Map<String, String> configs() {
        var configs = new java.util.LinkedHashMap<String, String>();
        configs.put("cleanup.policy", compacted ? (retention == null ? "compact" : "compact,delete") : "delete");
        configs.put("retention.ms", retention == null ? "-1" : Long.toString(retention.toMillis()));
        return configs;
    }

    /** The topic that carries events of the given type. */
    public static Topic of(EventType type) {
        return Arrays.stream(values())
                .filter(t -> t.eventType == type)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic carries " + type));
    }

    /**
     * How long after a moment an event of a user from before it can still arrive: the longest retention of the
     * topics keyed by user that are not compacted, plus a day for producers' clock skew. Erasures are remembered
     * this long, so that events in flight at the time cannot bring the user back.
     */
    public static Duration staleUserEventHorizon() {
        return Arrays.stream(values())
                .filter(t -> "user id".equals(t.key) && !t.compacted && t.retention != null)
                .map(t -> t.retention)
                .max(Duration::compareTo)
                .orElseThrow()
                .plusDays(1);
    }

    public static List<String> allNames() {
        return Arrays.stream(values()).map(Topic::topicName).toList();
    }
}
