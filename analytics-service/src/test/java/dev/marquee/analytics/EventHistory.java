package dev.marquee.analytics;

import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.events.RecommendationServed;
import dev.marquee.events.TurnCompleted;
import dev.marquee.events.TurnFeedback;
import dev.marquee.infra.KafkaTestClient;
import dev.marquee.infra.TestIssuer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Writes the events of a made-up history of one brand to the real broker, as the other services would: consent,
 * turns, feedback, served lists and interactions, each in a CloudEvent envelope keyed by user.
 */
final class EventHistory {
    static final String HOST = "marquee-host@1";
    static final String OFFLINE = "offline-catalog-responder";
    static final Duration WAIT = Duration.ofSeconds(90);
    private static final Instant CONSENTED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private final KafkaTestClient kafka;
    private final String brand;

    EventHistory(KafkaTestClient kafka, String brand) {
        this.kafka = kafka;
        this.brand = brand;
    }

    /** Records the users' analytics consent and waits until the service applies it. */
    void consent(List<String> users, boolean analytics) {
        users.forEach(user -> consent(user, analytics));
    }

    void consent(String user, boolean analytics) {
        Map<ConsentPurpose, Boolean> purposes = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose p : ConsentPurpose.values()) {
            purposes.put(p, p == ConsentPurpose.ANALYTICS && analytics);
        }
        kafka.send(envelope(user, UUID.randomUUID().toString(), CONSENTED_AT, new ConsentChanged(user, brand,
                purposes, List.of(ConsentPurpose.ANALYTICS), "2026-01", "api", 1, CONSENTED_AT)));
    }

    /**
     * Consent reaches the topology through a global store, apart from the events: turns of the users (in the
     * history's brand, where they consented) on a probe channel and in a probe window of their own (January 2026)
     * are sent until all of them count as users.
     */
    void awaitConsentApplied(String run, List<String> users) {
        Instant probe = Instant.parse("2026-01-01T00:00:00Z");
        String probeChannel = "probe-" + run;
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String user : users) {
                send(new TurnCompleted(UUID.randomUUID().toString(), "probe", user, brand, HOST, probeChannel,
                        "greeting", OFFLINE, List.of(), List.of(), false, false, 1, null, null, probe));
            }
            given().auth().oauth2(TestIssuer.shared().token("boss", "admin"))
                    .queryParam("granularity", "hour").queryParam("from", probe.toString())
                    .queryParam("to", probe.toString())
                    .get("/v1/aggregates/engagement")
                    .then().statusCode(200)
                    .body("aggregates.find { it.channel == '" + probeChannel + "' }.activeUsers", equalTo(users.size()));
        });
    }

    TurnCompleted turn(String user, String conversation, Instant at, boolean handoff, boolean fallback,
                       long latencyMs, Integer tokensIn, Integer tokensOut) {
        return new TurnCompleted(UUID.randomUUID().toString(), conversation, user, brand, HOST, "web", "recommend",
                OFFLINE, List.of(), List.of(), handoff, fallback, latencyMs, tokensIn, tokensOut, at);
    }

    TurnFeedback feedback(TurnCompleted turn, TurnFeedback.Rating rating, Instant at) {
        return new TurnFeedback(UUID.randomUUID().toString(), turn.turnId(), turn.conversationId(), turn.userId(),
                brand, rating, null, at);
    }

    RecommendationServed served(String user, String id, String variant, Instant at) {
        return new RecommendationServed(id, user, brand, "hybrid", variant, "chat",
                List.of(new RecommendationServed.Item("mv-0001", 1, 1.0, "Popular right now")), at);
    }

    Interaction interaction(String user, String recommendationId, InteractionType type, Instant at) {
        return new Interaction(UUID.randomUUID().toString(), user, "mv-0001", type, null, recommendationId, "chat",
                brand, "web", at);
    }

    void send(Object event) {
        switch (event) {
            case TurnCompleted t -> kafka.send(envelope(t.userId(), t.turnId(), t.occurredAt(), t));
            case TurnFeedback f -> kafka.send(envelope(f.userId(), f.feedbackId(), f.occurredAt(), f));
            case RecommendationServed r -> kafka.send(envelope(r.userId(), r.recommendationId(), r.occurredAt(), r));
            case Interaction i -> kafka.send(envelope(i.userId(), i.interactionId(), i.occurredAt(), i));
            default -> throw new IllegalArgumentException(event.toString());
        }
    }

    private static EventEnvelope envelope(String userId, String id, Instant at, Object data) {
        return EventEnvelope.forUser(userId, id, "/marquee/test", at, data);
    }
}
