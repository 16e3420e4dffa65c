package dev.marquee.events;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One valid, fully populated example of every event type. */
final class Samples {
    static final Instant AT = Instant.parse("2026-11-26T10:15:30.123Z");
    static final Instant HOUR = Instant.parse("2026-11-26T10:00:00Z");
    static final Instant DAY = Instant.parse("2026-11-26T00:00:00Z");

    private Samples() {
    }

    static Object of(EventType type) {
        return switch (type) {
            case TURN_COMPLETED -> new TurnCompleted("t-1", "c-1", "u-1", "marquee", "marquee-host@1", "web",
                    "recommend", "offline-catalog-responder", List.of("mv-0001", "mv-0002"), List.of(), false, false,
                    42, 120, 80, AT);
            case TURN_FEEDBACK -> new TurnFeedback("f-1", "t-1", "c-1", "u-1", "marquee", TurnFeedback.Rating.UP,
                    "great_pick", AT);
            case HANDOFF_REQUESTED -> new HandoffRequested("h-1", "c-1", "t-1", "u-1", "marquee", "marquee-host@1",
                    "web", "user_request", AT, "please call me at [PHONE]");
            case PREFERENCE_STATED -> new PreferenceStated("p-1", "u-1", "marquee", "c-1", "t-1",
                    PreferenceStated.Sentiment.LIKE, List.of("space opera"), List.of("cozy"), List.of("movie"), AT);
            case INTERACTION -> new Interaction("i-1", "u-1", "mv-0001", InteractionType.RATING, 4, "r-1", "chat",
                    "marquee", "web", AT);
            case RECOMMENDATION_SERVED -> new RecommendationServed("r-1", "u-1", "marquee", "popularity", "control",
                    "chat", List.of(new RecommendationServed.Item("mv-0001", 1, 12.5, "Popular right now")), AT);
            case CONSENT_CHANGED -> {
                Map<ConsentPurpose, Boolean> purposes = new EnumMap<>(ConsentPurpose.class);
                for (ConsentPurpose p : ConsentPurpose.values()) {
                    purposes.put(p, p != ConsentPurpose.MARKETING);
                }
                yield new ConsentChanged("u-1", "marquee", purposes, List.of(ConsentPurpose.ANALYTICS), "2026-01",
                        "api", 3, AT);
            }
            case ERASURE_REQUESTED -> new ErasureRequested("e-1", "u-1", List.of("dialogue-service"), 2, AT,
                    List.of("dialogue-service"));
            case ERASURE_COMPLETED -> new ErasureCompleted("e-1", "u-1", "dialogue-service", Map.of("turns", 3L), AT);
            case EXPORT_REQUESTED -> new ExportRequested("x-1", "u-1", List.of("dialogue-service"), 2, AT,
                    List.of("dialogue-service"));
            case EXPORT_CONTRIBUTED -> new ExportContributed("x-1", "u-1", "dialogue-service",
                    Map.of("turns", List.of(Map.of("turnId", "t-1", "message", "hello"))), AT);
            case WINDOWED_COUNT -> new WindowedCount("turns", AT, AT.plusSeconds(3600), 7, AT);
            case ENGAGEMENT_WINDOW -> new EngagementWindow("hour", HOUR, HOUR.plusSeconds(3600), "marquee", "web",
                    "marquee-host@1", 12, 4, 15, 61, 61 / 15.0, 184.5, AT);
            case SATISFACTION_WINDOW -> new SatisfactionWindow("day", DAY, DAY.plusSeconds(86_400), "marquee", "web",
                    "marquee-host@1", 12, 61, 9, 3, 0.75, 2, 2 / 61.0, 4, 4 / 61.0, 5, 5 / 61.0, AT);
            case CONVERSION_WINDOW -> new ConversionWindow("hour", HOUR, HOUR.plusSeconds(3600), "marquee", "chat",
                    "hybrid", "control", 11, 40, 38, 12, 7, 3, 1, 0.3, 0.175, 0.075, 0.025, AT);
            case MODEL_USAGE_WINDOW -> new ModelUsageWindow("hour", HOUR, HOUR.plusSeconds(3600), "gpt-4o-mini",
                    "marquee-llm@1", 11, 61, 420, 900, 1800, 12_000, 3_400, 0.0039, "USD", AT);
        };
    }
}
