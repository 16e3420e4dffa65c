package dev.marquee.recommendation;

import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.EventType;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.events.RecommendationServed;
import dev.marquee.events.Topic;
import dev.marquee.infra.KafkaTestClient;
import dev.marquee.infra.PostgresServer;
import dev.marquee.infra.TestIssuer;
import dev.marquee.infra.quarkus.KafkaResource;
import dev.marquee.infra.quarkus.OidcResource;
import dev.marquee.infra.quarkus.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "recommendation"))
class RecommendationServiceTest {
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedBroker();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    private static String token(String user) {
        return TestIssuer.shared().token(user, "user");
    }

    @Test
    void theDemoCatalogIsServedWithDetailsSearchAndFacets() {
        given().auth().oauth2(token("cat-reader")).get("/v1/titles/mv-0002")
                .then().statusCode(200)
                .body("name", equalTo("Orbit of Small Things"))
                .body("kind", equalTo("movie"))
                .body("genres", hasItem("space opera"));

        given().auth().oauth2(token("cat-reader")).queryParam("genre", "space opera").get("/v1/titles")
                .then().statusCode(200)
                .body("items.genres", everyItem(hasItem("space opera")))
                .body("items.id", hasItem("mv-0008"));

        given().auth().oauth2(token("cat-reader")).queryParam("query", "LIGHTHOUSE").get("/v1/titles")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo("mv-0001"));

        given().auth().oauth2(token("cat-reader")).get("/v1/catalog/facets")
                .then().statusCode(200)
                .body("genres", hasItem("comedy"))
                .body("kinds", hasItem("live_event"));
    }

    @Test
    void badRequestsGetProblemDetails() {
        given().auth().oauth2(token("cat-reader")).get("/v1/titles/mv-9999")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("mv-9999"));

        given().auth().oauth2(token("cat-reader")).queryParam("kind", "opera").queryParam("k", 0)
                .get("/v1/recommendations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://marquee.dev/problems/validation-failed"))
                .body("errors.field", hasItem("kind[0]"))
                .body("errors.field", hasItem("k"));

        given().auth().oauth2(token("cat-reader")).queryParam("k", "lots").get("/v1/trending")
                .then().statusCode(400)
                .contentType("application/problem+json");

        given().get("/v1/titles/mv-0001")
                .then().statusCode(401)
                .contentType("application/problem+json");

        given().auth().oauth2(TestIssuer.shared().tokenFor("mallory").foreignKey().sign())
                .get("/v1/titles/mv-0001")
                .then().statusCode(401)
                .contentType("application/problem+json");

        given().auth().oauth2(token("cat-reader")).get("/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void recommendationsFilterByKindsAndLeaveSingleEpisodesOutByDefault() {
        given().auth().oauth2(token("kind-user")).queryParam("k", 50).queryParam("kind", "game")
                .queryParam("kind", "live_event").get("/v1/recommendations")
                .then().statusCode(200)
                .body("items.kind", everyItem(oneOf("game", "live_event")))
                .body("items", hasSize(11));
        given().auth().oauth2(token("kind-user")).queryParam("k", 50).get("/v1/trending")
                .then().statusCode(200)
                .body("kind", not(hasItem("episode")))
                .body("titleId", not(hasItem("ep-0001")));
        given().auth().oauth2(token("kind-user")).queryParam("kind", "episode").get("/v1/titles")
                .then().statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void playsOnKafkaMoveATitleToTheTopOfTrending() {
        String title = "gm-0004";
        for (int i = 0; i < 5; i++) {
            KAFKA.send(interaction("fan-" + i, title, InteractionType.PLAY));
        }

        await().atMost(WAIT).untilAsserted(() ->
                given().auth().oauth2(token("trend-watcher")).queryParam("k", 3).get("/v1/trending")
                        .then().statusCode(200)
                        .body("[0].titleId", equalTo(title))
                        .body("[0].reason", equalTo("Trending this week")));
    }

    @Test
    void aRedeliveredInteractionCountsOnce() {
        EventEnvelope play = interaction("repeat-user", "mv-0019", InteractionType.COMPLETE);
        KAFKA.send(play);
        KAFKA.send(play);
        KAFKA.send(interaction("repeat-user", "mv-0019", InteractionType.LIKE));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM interaction WHERE user_id = 'repeat-user'")).isEqualTo(2));
        assertThat(count("SELECT interactions FROM title_popularity WHERE title_id = 'mv-0019'")).isEqualTo(2);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndConsumptionContinues() {
        String marker = UUID.randomUUID().toString();
        KAFKA.send(Topic.INTERACTIONS.topicName(), "poison", "{not json " + marker,
                Map.of(CloudEventHeaders.ID, "p1-" + marker, CloudEventHeaders.TYPE, EventType.INTERACTION.ceType()));
        KAFKA.send(Topic.INTERACTIONS.topicName(), "poison", "{\"interactionId\":\"" + marker + "\"}",
                Map.of(CloudEventHeaders.ID, "p2-" + marker, CloudEventHeaders.TYPE, EventType.INTERACTION.ceType()));
        EventEnvelope unknownTitle = interaction("poison", "mv-0000", InteractionType.PLAY);
        KAFKA.send(unknownTitle);
        EventEnvelope good = interaction("after-poison", "sr-0003", InteractionType.PLAY);
        KAFKA.send(good);

        List<ConsumerRecord<String, String>> dead = KAFKA.await(Topic.RECOMMENDATION_DLQ.topicName(),
                r -> r.value().contains(marker) || unknownTitle.id().equals(KafkaTestClient.header(r, "ce_id")),
                3, WAIT);
        assertThat(dead).allSatisfy(r -> assertThat(KafkaTestClient.header(r, "dead-letter-reason")).isNotBlank());
        assertThat(dead).anySatisfy(r ->
                assertThat(KafkaTestClient.header(r, "dead-letter-reason")).contains("not in the catalog"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                count("SELECT count(*) FROM interaction WHERE interaction_id = '" + good.id() + "'")).isEqualTo(1));
    }

    @Test
    void servedRecommendationsCarryAnIdAndAreAnnounced() {
        String recommendationId = given().auth().oauth2(token("rec-user")).queryParam("k", 3)
                .queryParam("source", "chat").queryParam("genre", "comedy")
                .get("/v1/recommendations")
                .then().statusCode(200)
                .body("recommendationId", notNullValue())
                .body("strategy", equalTo("trending"))
                .body("items", hasSize(3))
                .body("items.genres", everyItem(hasItem("comedy")))
                .extract().path("recommendationId");

        ConsumerRecord<String, String> record = KAFKA.await(Topic.RECOMMENDATIONS_SERVED.topicName(),
                r -> recommendationId.equals(KafkaTestClient.header(r, "ce_id")), 1, WAIT).getFirst();
        assertThat(record.key()).isEqualTo("rec-user");
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo(EventType.RECOMMENDATION_SERVED.ceType());
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("/marquee/recommendation-service");
        RecommendationServed served = EventCodec.instance().decode(record.value(), RecommendationServed.class);
        assertThat(served.userId()).isEqualTo("rec-user");
        assertThat(served.source()).isEqualTo("chat");
        assertThat(served.items()).hasSize(3);
    }

    @Test
    void erasureRemovesTheUsersInteractionsAndWhatWasDerivedFromThem() {
        KAFKA.send(interaction("erase-me", "lv-0003", InteractionType.PURCHASE));
        KAFKA.send(interaction("erase-me", "lv-0003", InteractionType.PLAY));
        KAFKA.send(interaction("keep-me", "lv-0003", InteractionType.PLAY));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count("SELECT interactions FROM title_popularity WHERE title_id = 'lv-0003'")).isEqualTo(3));

        String requestId = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= 2; attempt++) {
            KAFKA.send(EventEnvelope.forUser("erase-me", requestId + "/" + attempt, "/marquee/privacy-service",
                    Instant.now(), new ErasureRequested(requestId, "erase-me", List.of("recommendation-service"),
                            attempt, Instant.now())));
        }

        List<ConsumerRecord<String, String>> confirmations = KAFKA.await(
                Topic.PRIVACY_ERASURE_COMPLETIONS.topicName(), r -> r.value().contains(requestId), 2, WAIT);
        for (ConsumerRecord<String, String> confirmation : confirmations) {
            ErasureCompleted completed = EventCodec.instance().decode(confirmation.value(), ErasureCompleted.class);
            assertThat(completed.service()).isEqualTo("recommendation-service");
            assertThat(completed.erased()).containsEntry("interactions", 2L);
        }
        assertThat(count("SELECT count(*) FROM interaction WHERE user_id = 'erase-me'")).isZero();
        assertThat(count("SELECT count(*) FROM interaction WHERE user_id = 'keep-me'")).isEqualTo(1);
        assertThat(count("SELECT interactions FROM title_popularity WHERE title_id = 'lv-0003'")).isEqualTo(1);
    }

    @Test
    void anOutboxEventTheBrokerCannotTakeIsParkedAndDoesNotHoldUpTheOthers() throws Exception {
        try (var c = PostgresServer.obtain().connect(PostgresResource.databaseName("recommendation"))) {
            c.createStatement().executeUpdate("INSERT INTO outbox_event (topic, record_key, event_id, event_type, "
                    + "headers, payload) VALUES ('marquee.recommendations.served.v1', 'broken', 'broken-1', 'x', "
                    + "'[1, 2]', '{}')");
        }
        String recommendationId = given().auth().oauth2(token("after-poison")).get("/v1/recommendations")
                .then().statusCode(200).extract().path("recommendationId");

        KAFKA.await(Topic.RECOMMENDATIONS_SERVED.topicName(),
                r -> recommendationId.equals(KafkaTestClient.header(r, "ce_id")), 1, WAIT);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_id = 'broken-1' AND parked_at IS NOT NULL"
                + " AND attempts = 2 AND last_error LIKE 'unreadable outbox row%'")).isEqualTo(1);
        given().get("/q/metrics").then().body(containsString("marquee_outbox_parked_total 1.0"));
    }

    @Test
    void healthMetricsAndOpenApiAreExposed() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("marquee_outbox_published"));
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/recommendations"));
    }

    private static EventEnvelope interaction(String user, String title, InteractionType type) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return EventEnvelope.forUser(user, id, "/marquee/gateway-service", now,
                new Interaction(id, user, title, type, null, null, "home", "marquee", "web", now));
    }

    private static long count(String sql) {
        return PostgresServer.obtain().queryLong(PostgresResource.databaseName("recommendation"), sql);
    }
}
