package dev.marquee.analytics;

import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.events.Topic;
import dev.marquee.events.TurnCompleted;
import dev.marquee.events.WindowedCount;
import dev.marquee.infra.KafkaTestClient;
import dev.marquee.infra.TestIssuer;
import dev.marquee.infra.quarkus.KafkaResource;
import dev.marquee.infra.quarkus.OidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class AnalyticsServiceTest {
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedBroker();
    private static final Duration WAIT = Duration.ofSeconds(60);

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    private static String analyst() {
        return TestIssuer.shared().token("ana", "analyst");
    }

    @Test
    void eventsOnTheBrokerAreCountedQueryableAndPublished() {
        Instant hour = Instant.parse("2026-03-01T08:00:00Z");
        for (int i = 0; i < 3; i++) {
            KAFKA.send(turn(hour.plusSeconds(60L * i)));
        }
        KAFKA.send(interaction(InteractionType.PLAY, hour.plusSeconds(30)));
        KAFKA.send(interaction(InteractionType.PLAY, hour.plusSeconds(90)));
        KAFKA.send(interaction(InteractionType.PURCHASE, hour.plusSeconds(100)));

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(analyst())
                .queryParam("from", "2026-03-01T08:00:00Z").queryParam("to", "2026-03-01T08:00:00Z")
                .get("/v1/counts")
                .then().statusCode(200)
                .body("counts.find { it.metric == 'turns' }.count", equalTo(3))
                .body("counts.find { it.metric == 'interactions.play' }.count", equalTo(2))
                .body("counts.find { it.metric == 'interactions.purchase' }.count", equalTo(1)));

        given().auth().oauth2(analyst()).queryParam("metric", "turns")
                .queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-03-01T23:00:00Z")
                .get("/v1/counts")
                .then().statusCode(200)
                .body("counts.metric", hasItem("turns"))
                .body("counts[0].windowStart", equalTo("2026-03-01T08:00:00Z"))
                .body("counts[0].windowEnd", equalTo("2026-03-01T09:00:00Z"));

        var published = KAFKA.await(Topic.ANALYTICS_COUNTS.topicName(),
                r -> r.key().equals("turns@2026-03-01T08:00:00Z")
                        && EventCodec.instance().decode(r.value(), WindowedCount.class).count() == 3, 1, WAIT);
        assertThat(KafkaTestClient.header(published.getFirst(), "ce_type"))
                .isEqualTo("dev.marquee.analytics.windowed-count.v1");
    }

    @Test
    void poisonRecordsAreDeadLettered() {
        String marker = UUID.randomUUID().toString();
        KAFKA.send(Topic.INTERACTIONS.topicName(), "u", "{\"interactionId\":\"" + marker + "\"}",
                Map.of("ce_type", "dev.marquee.interaction.v1", "ce_id", marker));

        var dead = KAFKA.await(Topic.ANALYTICS_DLQ.topicName(), r -> r.value().contains(marker), 1, WAIT);
        assertThat(KafkaTestClient.header(dead.getFirst(), "dead-letter-reason")).contains("required property");
    }

    @Test
    void onlyAnalystsAndAdminsMayQuery() {
        given().get("/v1/counts").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestIssuer.shared().token("viewer", "user")).get("/v1/counts")
                .then().statusCode(403).contentType("application/problem+json");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestIssuer.shared().token("boss", "admin"))
                .get("/v1/counts").then().statusCode(200));
    }

    @Test
    void badRangesGetProblemDetails() {
        given().auth().oauth2(analyst()).queryParam("from", "yesterday").get("/v1/counts")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(analyst()).queryParam("from", "2026-03-02T00:00:00Z")
                .queryParam("to", "2026-03-01T00:00:00Z").get("/v1/counts")
                .then().statusCode(400);
        given().auth().oauth2(analyst()).queryParam("metric", "DROP TABLE").get("/v1/counts")
                .then().statusCode(400).body("errors.field", hasItem("metric"));
    }

    @Test
    void readinessReflectsTheStreams() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Analytics aggregates' }.data.state", equalTo("RUNNING")));
    }

    private static EventEnvelope turn(Instant at) {
        String id = UUID.randomUUID().toString();
        return EventEnvelope.forUser("an-user", id, "/marquee/dialogue-service", at,
                new TurnCompleted(id, "c-1", "an-user", "marquee", "marquee-host@1", "web", "greeting",
                        "offline-catalog-responder", List.of(), List.of(), false, false, 5, null, null, at));
    }

    private static EventEnvelope interaction(InteractionType type, Instant at) {
        String id = UUID.randomUUID().toString();
        return EventEnvelope.forUser("an-user", id, "/marquee/gateway-service", at,
                new Interaction(id, "an-user", "mv-0001", type, null, null, "home", "marquee", "web",
                        at.truncatedTo(ChronoUnit.SECONDS)));
    }
}
