package dev.marquee.dialogue;

import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.EventType;
import dev.marquee.events.Topic;
import dev.marquee.events.TurnCompleted;
import dev.marquee.events.TurnFeedback;
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
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
@WithTestResource(CatalogStub.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "dialogue"))
class DialogueServiceTest {
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedBroker();
    private static final Duration WAIT = Duration.ofSeconds(30);

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @AfterEach
    void catalogUp() {
        CatalogStub.down = false;
    }

    private static String token(String user) {
        return TestIssuer.shared().token(user, "user");
    }

    private static ValidatableResponse say(String token, String conversationId, String message) {
        Map<String, Object> body = conversationId == null ? Map.of("message", message)
                : Map.of("message", message, "conversationId", conversationId);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/turns").then();
    }

    @Test
    void aRecommendationRequestIsAnsweredFromTheCatalogStoredAndAnnounced() {
        String userToken = token("viewer-1");
        var response = say(userToken, null, "Can you recommend something to watch?")
                .statusCode(200)
                .body("intent", equalTo("recommend"))
                .body("seq", equalTo(1))
                .body("reply.text", equalTo("Here are a few picks I think you'll enjoy:"))
                .body("reply.cards", hasSize(3))
                .body("reply.cards[0].titleId", equalTo("mv-0101"))
                .body("reply.quickReplies", hasItem("Something funny"))
                .body("metadata.responder", equalTo("offline-catalog-responder"))
                .body("metadata.persona", equalTo("marquee-host@1"))
                .body("metadata.recommendationId", equalTo("rec-42"))
                .extract();
        String turnId = response.path("turnId");
        String conversationId = response.path("conversationId");

        assertThat(CatalogStub.REQUESTS).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/v1/recommendations");
            assertThat(r.query()).contains("source=chat", "kind=movie", "kind=series", "kind=live_event")
                    .doesNotContain("kind=game");
            assertThat(r.authorization()).isEqualTo("Bearer " + userToken);
        });
        assertThat(count("SELECT count(*) FROM turn WHERE id = '" + turnId + "' AND user_id = 'viewer-1'"))
                .isEqualTo(1);

        ConsumerRecord<String, String> record = KAFKA.await(Topic.DIALOGUE_TURNS.topicName(),
                r -> turnId.equals(KafkaTestClient.header(r, "ce_id")), 1, WAIT).getFirst();
        assertThat(record.key()).isEqualTo("viewer-1");
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo(EventType.TURN_COMPLETED.ceType());
        TurnCompleted event = EventCodec.instance().decode(record.value(), TurnCompleted.class);
        assertThat(event.conversationId()).isEqualTo(conversationId);
        assertThat(event.intent()).isEqualTo("recommend");
        assertThat(event.titleIds()).containsExactly("mv-0101", "mv-0102", "mv-0103");
        assertThat(event.responder()).isEqualTo("offline-catalog-responder");
        assertThat(record.value()).doesNotContain("recommend something");
    }

    @Test
    void aConversationContinuesWithGenresDetailsAndHandoff() {
        String userToken = token("viewer-2");
        String conversationId = say(userToken, null, "hello!").statusCode(200)
                .body("intent", equalTo("greeting"))
                .body("reply.text", containsString("I'm Marquee"))
                .extract().path("conversationId");

        say(userToken, conversationId, "show me some comedy").statusCode(200)
                .body("intent", equalTo("search_genre"))
                .body("seq", equalTo(2))
                .body("reply.text", equalTo("Here's some comedy for you:"));
        assertThat(CatalogStub.REQUESTS).anySatisfy(r -> assertThat(r.query()).contains("genre=comedy"));

        say(userToken, conversationId, "Tell me about Orbit of Small Things").statusCode(200)
                .body("intent", equalTo("title_details"))
                .body("reply.text", containsString("Two engineers repair a station."))
                .body("reply.cards[0].titleId", equalTo("mv-0002"));

        say(userToken, conversationId, "tell me about The Imaginary Film").statusCode(200)
                .body("intent", equalTo("title_details"))
                .body("reply.cards", hasSize(0))
                .body("metadata.fallback", equalTo(true));

        say(userToken, conversationId, "I want to talk to a real person").statusCode(200)
                .body("intent", equalTo("talk_to_human"))
                .body("conversationState", equalTo("handoff"))
                .body("metadata.handoff", equalTo(true));

        given().auth().oauth2(userToken).get("/v1/conversations/" + conversationId)
                .then().statusCode(200)
                .body("conversation.state", equalTo("handoff"))
                .body("turns", hasSize(5))
                .body("turns[1].userText", equalTo("show me some comedy"));
        given().auth().oauth2(userToken).get("/v1/conversations")
                .then().statusCode(200)
                .body("items.id", hasItem(conversationId));
    }

    @Test
    void anotherUsersConversationIsNotFoundAndNothingIsStored() {
        String conversationId = say(token("owner"), null, "hi").statusCode(200).extract().path("conversationId");
        long before = count("SELECT count(*) FROM turn");

        say(token("intruder"), conversationId, "hi").statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().auth().oauth2(token("intruder")).get("/v1/conversations/" + conversationId)
                .then().statusCode(404).contentType("application/problem+json");
        say(token("owner"), UUID.randomUUID().toString(), "hi").statusCode(404);

        assertThat(count("SELECT count(*) FROM turn")).isEqualTo(before);
    }

    @Test
    void badInputGetsProblemDetailsAndChangesNothing() {
        long before = count("SELECT count(*) FROM turn");
        String userToken = token("careless");

        say(userToken, null, "   ").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("message"));
        say(userToken, null, "x".repeat(2001)).statusCode(400).body("errors.field", hasItem("message"));
        say(userToken, "not-a-uuid", "hi").statusCode(400).body("errors.field", hasItem("conversationId"));
        given().auth().oauth2(userToken).contentType(ContentType.JSON).body("{\"message\": ")
                .post("/v1/turns").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://marquee.dev/problems/malformed-json"));
        given().auth().oauth2(userToken).contentType(ContentType.JSON).body("{\"message\": 42, \"channel\": []}")
                .post("/v1/turns").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(userToken).contentType(ContentType.JSON)
                .post("/v1/turns").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(userToken).contentType(ContentType.JSON)
                .body("{\"message\":\"" + "x".repeat(70_000) + "\"}")
                .post("/v1/turns").then().statusCode(413).contentType("application/problem+json");
        given().auth().oauth2(userToken).contentType(ContentType.TEXT).body("hello")
                .post("/v1/turns").then().statusCode(415).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("message", "hi"))
                .post("/v1/turns").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestIssuer.shared().tokenFor("careless").audience("someone-else").sign())
                .contentType(ContentType.JSON).body(Map.of("message", "hi"))
                .post("/v1/turns").then().statusCode(401);

        assertThat(count("SELECT count(*) FROM turn")).isEqualTo(before);
    }

    @Test
    void askingForSomethingToPlayAsksForGames() {
        say(token("gamer"), null, "Any good games? Recommend one").statusCode(200).body("intent", equalTo("recommend"));
        assertThat(CatalogStub.REQUESTS).anySatisfy(r -> assertThat(r.query()).contains("kind=game")
                .doesNotContain("kind=movie"));
    }

    @Test
    void whenTheCatalogIsDownTheAssistantSaysSoPolitely() {
        CatalogStub.down = true;
        say(token("patient"), null, "recommend me a game").statusCode(200)
                .body("intent", equalTo("recommend"))
                .body("reply.text", containsString("can't reach the catalog"))
                .body("metadata.fallback", equalTo(true));
    }

    @Test
    void feedbackIsStoredAndAnnouncedOnlyForTheUsersOwnTurns() {
        String userToken = token("rater");
        String turnId = say(userToken, null, "recommend something").statusCode(200).extract().path("turnId");

        given().auth().oauth2(userToken).contentType(ContentType.JSON).body(Map.of("rating", "up"))
                .post("/v1/turns/" + turnId + "/feedback")
                .then().statusCode(200).body("rating", equalTo("up"));
        given().auth().oauth2(token("someone-else")).contentType(ContentType.JSON).body(Map.of("rating", "down"))
                .post("/v1/turns/" + turnId + "/feedback")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(userToken).contentType(ContentType.JSON).body(Map.of("rating", "sideways"))
                .post("/v1/turns/" + turnId + "/feedback")
                .then().statusCode(400).contentType("application/problem+json");

        ConsumerRecord<String, String> record = KAFKA.await(Topic.DIALOGUE_FEEDBACK.topicName(),
                r -> r.value().contains(turnId), 1, WAIT).getFirst();
        TurnFeedback feedback = EventCodec.instance().decode(record.value(), TurnFeedback.class);
        assertThat(feedback.rating()).isEqualTo(TurnFeedback.Rating.UP);
        assertThat(feedback.userId()).isEqualTo("rater");
    }

    @Test
    void erasureDeletesTheUsersConversationsAndConfirmsWithCounts() {
        String doomed = token("forget-me");
        String conversationId = say(doomed, null, "hi").statusCode(200).extract().path("conversationId");
        String turnId = say(doomed, conversationId, "recommend something").statusCode(200).extract().path("turnId");
        given().auth().oauth2(doomed).contentType(ContentType.JSON).body(Map.of("rating", "down"))
                .post("/v1/turns/" + turnId + "/feedback").then().statusCode(200);
        say(token("remember-me"), null, "hi").statusCode(200);

        String requestId = UUID.randomUUID().toString();
        KAFKA.send(EventEnvelope.forUser("forget-me", requestId + "/1", "/marquee/privacy-service", Instant.now(),
                new ErasureRequested(requestId, "forget-me", List.of("dialogue-service"), 1, Instant.now())));

        ConsumerRecord<String, String> record = KAFKA.await(Topic.PRIVACY_ERASURE_COMPLETIONS.topicName(),
                r -> r.value().contains(requestId), 1, WAIT).getFirst();
        ErasureCompleted completed = EventCodec.instance().decode(record.value(), ErasureCompleted.class);
        assertThat(completed.service()).isEqualTo("dialogue-service");
        assertThat(completed.erased()).containsEntry("conversations", 1L).containsEntry("turns", 2L)
                .containsEntry("feedback", 1L);
        assertThat(count("SELECT count(*) FROM conversation WHERE user_id = 'forget-me'")).isZero();
        assertThat(count("SELECT count(*) FROM turn WHERE user_id = 'forget-me'")).isZero();
        assertThat(count("SELECT count(*) FROM turn WHERE user_id = 'remember-me'")).isEqualTo(1);
        given().auth().oauth2(doomed).get("/v1/conversations").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aPoisonErasureRequestIsDeadLettered() {
        String marker = UUID.randomUUID().toString();
        KAFKA.send(Topic.PRIVACY_ERASURE_REQUESTS.topicName(), "someone", "{\"requestId\":\"" + marker + "\"}",
                Map.of("ce_id", marker, "ce_type", EventType.ERASURE_REQUESTED.ceType()));

        var dead = KAFKA.await(Topic.DIALOGUE_DLQ.topicName(), r -> r.value().contains(marker), 1, WAIT).getFirst();
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("userId");
    }

    @Test
    void healthMetricsAndOpenApiAreExposed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/turns"));
        given().get("/q/health/live").then().statusCode(200).body("status", notNullValue());
    }

    private static long count(String sql) {
        return PostgresServer.obtain().queryLong(PostgresResource.databaseName("dialogue"), sql);
    }
}
