package dev.marquee.analytics.streams;

import dev.marquee.events.EventCodec;
import dev.marquee.events.EventType;
import dev.marquee.events.Interaction;
import dev.marquee.events.InvalidEventException;
import dev.marquee.events.RecommendationServed;
import dev.marquee.events.TurnCompleted;
import dev.marquee.events.TurnFeedback;

import java.util.Locale;

/** Which metric an event of each input type counts towards. */
final class Metrics {
    static final String TURNS = "turns";
    static final String RECOMMENDATIONS_SERVED = "recommendations.served";

    private Metrics() {
    }

    /** Validates the payload against its schema and names its metric. */
    static Classified classify(EventType type, byte[] json) {
        try {
            Object event = EventCodec.instance().decode(type, json, type.payloadType());
            String metric = switch (event) {
                case TurnCompleted turn -> TURNS;
                case TurnFeedback feedback -> "feedback." + feedback.rating().name().toLowerCase(Locale.ROOT);
                case Interaction interaction -> "interactions." + interaction.type().wireName();
                case RecommendationServed served -> RECOMMENDATIONS_SERVED;
                default -> throw new IllegalArgumentException(type + " is not an analytics input");
            };
            return new Classified(metric, null, json, event);
        } catch (InvalidEventException e) {
            return new Classified(null, e.getMessage(), json);
        }
    }
}
