package dev.marquee.events;

import java.util.Arrays;

/**
 * Every event type Marquee exchanges: its CloudEvents {@code type}, its payload record and its JSON Schema.
 * The schema of a type lives at {@code /dev/marquee/events/schemas/<schemaName>.json} in this module.
 */
public enum EventType {
    TURN_COMPLETED("dev.marquee.dialogue.turn-completed.v1", TurnCompleted.class, "turn-completed.v1"),
    TURN_FEEDBACK("dev.marquee.dialogue.turn-feedback.v1", TurnFeedback.class, "turn-feedback.v1"),
    HANDOFF_REQUESTED("dev.marquee.dialogue.handoff-requested.v1", HandoffRequested.class, "handoff-requested.v1"),
    PREFERENCE_STATED("dev.marquee.dialogue.preference-stated.v1", PreferenceStated.class, "preference-stated.v1"),
    INTERACTION("dev.marquee.interaction.v1", Interaction.class, "interaction.v1"),
    RECOMMENDATION_SERVED("dev.marquee.recommendation.served.v1", RecommendationServed.class, "recommendation-served.v1"),
    CONSENT_CHANGED("dev.marquee.privacy.consent-changed.v1", ConsentChanged.class, "consent-changed.v1"),
    ERASURE_REQUESTED("dev.marquee.privacy.erasure-requested.v1", ErasureRequested.class, "erasure-requested.v1"),
    ERASURE_COMPLETED("dev.marquee.privacy.erasure-completed.v1", ErasureCompleted.class, "erasure-completed.v1"),
    EXPORT_REQUESTED("dev.marquee.privacy.export-requested.v1", ExportRequested.class, "export-requested.v1"),
    EXPORT_CONTRIBUTED("dev.marquee.privacy.export-contributed.v1", ExportContributed.class,
            "export-contributed.v1"),
    WINDOWED_COUNT("dev.marquee.analytics.windowed-count.v1", WindowedCount.class, "windowed-count.v1"),
    ENGAGEMENT_WINDOW("dev.marquee.analytics.engagement-window.v1", EngagementWindow.class, "engagement-window.v1"),
    SATISFACTION_WINDOW("dev.marquee.analytics.satisfaction-window.v1", SatisfactionWindow.class,
            "satisfaction-window.v1"),
    CONVERSION_WINDOW("dev.marquee.analytics.conversion-window.v1", ConversionWindow.class, "conversion-window.v1"),
    MODEL_USAGE_WINDOW("dev.marquee.analytics.model-usage-window.v1", ModelUsageWindow.class,
            "model-usage-window.v1");

    private static final String SCHEMA_ROOT = "/dev/marquee/events/schemas/";

    private final String ceType;
    private final Class<?> payloadType;
    private final String schemaName;

    EventType(String ceType, Class<?> payloadType, String schemaName) {
        this.ceType = ceType;
        this.payloadType = payloadType;
        this.schemaName = schemaName;
    }

    /** The CloudEvents {@code type} attribute ({@code ce_type} header). */
    public String ceType() {
        return ceType;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    public String schemaName() {
        return schemaName;
    }

    /** Class-path location of the JSON Schema. */
    public String schemaResource() {
        return SCHEMA_ROOT + schemaName + ".json";
    }

    /** The {@code $id} of the schema, also used as the CloudEvents {@code dataschema}. */
    public String schemaId() {
        return "https://schemas.marquee.dev/events/" + schemaName + ".json";
    }

    public static EventType forPayload(Class<?> payloadType) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType.equals(payloadType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(payloadType.getName() + " is not an event payload"));
    }
}
