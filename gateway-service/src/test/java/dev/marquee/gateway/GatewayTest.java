package dev.marquee.gateway;

import dev.marquee.events.EventCodec;
import dev.marquee.events.EventType;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.events.Topic;
import dev.marquee.infra.KafkaTestClient;
import dev.marquee.infra.TestIssuer;
import dev.marquee.infra.quarkus.KafkaResource;
import dev.marquee.infra.quarkus.OidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
@WithTestResource(DownstreamStubs.class)
class GatewayTest {
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedBroker();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @BeforeEach
    void resetStubs() {
        DownstreamStubs.RECEIVED.clear();
        DownstreamStubs.SCRIPT.clear();
    }

    private static String token(String user, String... roles) {
        return TestIssuer.shared().token(user, roles.length == 0 ? new String[]{"user"} : roles);
    }

    @Test
    void aChatTurnIsForwardedWithTheUsersTokenAndTheReplyRelayed() {
        DownstreamStubs.answer("dialogue", "POST", "/v1/turns", 200, "application/json",
                "{\"turnId\":\"t-1\",\"reply\":{\"text\":\"Hi!\"}}", Map.of());
        String userToken = token("alice");

        given().auth().oauth2(userToken).contentType(ContentType.JSON)
                .body(Map.of("message", "Recommend something", "channel", "web"))
                .post("/api/v1/chat/turns")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("turnId", equalTo("t-1"))
                .body("reply.text", equalTo("Hi!"));

        assertThat(DownstreamStubs.RECEIVED).singleElement().satisfies(r -> {
            assertThat(r.service()).isEqualTo("dialogue");
            assertThat(r.authorization()).isEqualTo("Bearer " + userToken);
            assertThat(r.body()).contains("\"message\":\"Recommend something\"");
        });
    }

    @Test
    void invalidRequestsAreRefusedAtTheDoorWithoutBotheringAnyService() {
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("message", ""))
                .post("/api/v1/chat/turns")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("message"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{oops")
                .post("/api/v1/chat/turns")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(token("alice")).get("/api/v1/conversations/../../etc")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(token("alice")).get("/api/v1/privacy/erasure-requests/42")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(token("alice")).queryParam("k", "lots").get("/api/v1/recommendations")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("k"));
        given().contentType(ContentType.JSON).body(Map.of("message", "hi")).post("/api/v1/chat/turns")
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2(TestIssuer.shared().tokenFor("alice")
                        .issuedAgo(Duration.ofHours(3), Duration.ofMinutes(5)).sign())
                .get("/api/v1/privacy/consent").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestIssuer.shared().tokenFor("alice").unsigned().sign())
                .get("/api/v1/privacy/consent").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2("not-a-jwt").get("/api/v1/privacy/consent").then().statusCode(401);

        assertThat(DownstreamStubs.RECEIVED).isEmpty();
    }

    @Test
    void internalProblemsAreRelayedAndFailuresBecomeGatewayProblems() {
        DownstreamStubs.answer("recommendation", "GET", "/v1/titles/mv-0404", 404, PROBLEM,
                "{\"type\":\"https://marquee.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"title 'mv-0404' does not exist\"}", Map.of());
        given().auth().oauth2(token("alice")).get("/api/v1/titles/mv-0404")
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("mv-0404"));

        DownstreamStubs.answer("recommendation", "GET", "/v1/trending", 500, "text/plain", "NullPointerException at",
                Map.of());
        given().auth().oauth2(token("alice")).get("/api/v1/trending")
                .then().statusCode(502).contentType(PROBLEM)
                .body("detail", equalTo("recommendation-service failed to process the request"));
    }

    @Test
    void anInternalServiceThatDoesNotAnswerGivesA503() {
        DownstreamStubs.DOWN.add("privacy");
        try {
            given().auth().oauth2(token("alice")).get("/api/v1/privacy/consent")
                    .then().statusCode(503).contentType(PROBLEM)
                    .header("Retry-After", notNullValue())
                    .body("title", equalTo("privacy-service is unavailable"));
        } finally {
            DownstreamStubs.DOWN.clear();
        }
    }

    private static long received(String service, String method, String path) {
        return DownstreamStubs.RECEIVED.stream()
                .filter(r -> r.service().equals(service) && r.method().equals(method) && r.path().equals(path))
                .count();
    }

    @Test
    void anIdempotentCallIsTriedAgainWhenUnansweredAndOthersNever() {
        DownstreamStubs.answer("privacy", "GET", "/v1/consent", 200, "application/json",
                "{\"brand\":\"marquee\"}", Map.of());
        DownstreamStubs.DROP_NEXT.put("privacy", new java.util.concurrent.atomic.AtomicInteger(1));
        try {
            given().auth().oauth2(token("alice")).get("/api/v1/privacy/consent")
                    .then().statusCode(200).body("brand", equalTo("marquee"));
            assertThat(received("privacy", "GET", "/v1/consent")).isEqualTo(2);

            // An erasure request may have been stored before the answer was lost: it is not sent twice.
            DownstreamStubs.DROP_NEXT.put("privacy", new java.util.concurrent.atomic.AtomicInteger(1));
            given().auth().oauth2(token("alice")).post("/api/v1/privacy/erasure-requests")
                    .then().statusCode(503).contentType(PROBLEM);
            assertThat(received("privacy", "POST", "/v1/erasure-requests")).isOne();
        } finally {
            DownstreamStubs.DROP_NEXT.clear();
        }
    }

    @Test
    void aServiceThatKeepsFailingIsNotCalledForAMomentThenTriedAgain() {
        DownstreamStubs.answer("analytics", "GET", "/v1/counts", 200, "application/json", "{\"counts\":[]}",
                Map.of());
        String analyst = token("ana", "analyst");
        DownstreamStubs.DOWN.add("analytics");
        try {
            // Five failed calls in a row (each tried three times) open the circuit.
            for (int i = 0; i < 5; i++) {
                given().auth().oauth2(analyst).get("/api/v1/analytics/counts").then().statusCode(503);
            }
            long calls = received("analytics", "GET", "/v1/counts");
            assertThat(calls).isEqualTo(15);
            given().auth().oauth2(analyst).get("/api/v1/analytics/counts")
                    .then().statusCode(503).contentType(PROBLEM)
                    .header("Retry-After", equalTo("1"))
                    .body("title", equalTo("analytics-service is unavailable"))
                    .body("detail", containsString("stopped calling it"));
            assertThat(received("analytics", "GET", "/v1/counts")).isEqualTo(calls);
            given().get("/q/metrics").then()
                    .body(containsString("marquee_gateway_downstream_circuit_open{service=\"analytics-service\"} 1.0"));
        } finally {
            DownstreamStubs.DOWN.clear();
        }
        // Once the open period (1 s in tests) is over, a trial call goes through and closes the circuit.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> given().auth().oauth2(analyst)
                .get("/api/v1/analytics/counts").then().statusCode(200));
        given().auth().oauth2(analyst).get("/api/v1/analytics/counts").then().statusCode(200);
    }

    @Test
    void analyticsNeedsTheAnalystOrAdminRole() {
        given().auth().oauth2(token("alice")).get("/api/v1/analytics/counts")
                .then().statusCode(403).contentType(PROBLEM);
        assertThat(DownstreamStubs.RECEIVED).isEmpty();
    }

    @Test
    void erasureStatusUrlsPointAtThePublicApi() {
        DownstreamStubs.answer("privacy", "POST", "/v1/erasure-requests", 202, "application/json",
                "{\"requestId\":\"0b9e4f5e-1c1a-4c55-9f0a-1e2d3c4b5a69\",\"status\":\"pending\"}",
                Map.of("Location", "http://127.0.0.1:1/v1/erasure-requests/0b9e4f5e-1c1a-4c55-9f0a-1e2d3c4b5a69"));

        given().auth().oauth2(token("alice")).post("/api/v1/privacy/erasure-requests")
                .then().statusCode(202)
                .header("Location", equalTo("/api/v1/privacy/erasure-requests/0b9e4f5e-1c1a-4c55-9f0a-1e2d3c4b5a69"))
                .body("status", equalTo("pending"));
    }

    @Test
    void listsPassTheirPagingStrategyAndExclusionsOnAndSimilarTitlesAreRelayed() {
        DownstreamStubs.answer("recommendation", "GET", "/v1/recommendations", 200, "application/json",
                "{\"items\":[]}", Map.of());
        DownstreamStubs.answer("recommendation", "GET", "/v1/titles/mv-0002/similar", 200, "application/json",
                "{\"items\":[]}", Map.of());
        String id = UUID.randomUUID().toString();
        given().auth().oauth2(token("alice")).queryParam("k", 5).queryParam("strategy", "content")
                .queryParam("exclude", "mv-0001").queryParam("exclude", "mv-0003").queryParam("recommendationId", id)
                .get("/api/v1/recommendations").then().statusCode(200);
        given().auth().oauth2(token("alice")).queryParam("k", 3).queryParam("kind", "movie")
                .get("/api/v1/titles/mv-0002/similar").then().statusCode(200);
        assertThat(DownstreamStubs.RECEIVED).hasSize(2);
        assertThat(DownstreamStubs.RECEIVED.get(0).query()).contains("k=5", "strategy=content", "exclude=mv-0001",
                "exclude=mv-0003", "recommendationId=" + id);
        assertThat(DownstreamStubs.RECEIVED.get(1).path()).isEqualTo("/v1/titles/mv-0002/similar");
        assertThat(DownstreamStubs.RECEIVED.get(1).query()).contains("k=3", "kind=movie");
    }

    @Test
    void analystsReachAnalytics() {
        DownstreamStubs.answer("analytics", "GET", "/v1/counts", 200, "application/json", "{\"counts\":[]}", Map.of());
        given().auth().oauth2(token("ana", "analyst")).queryParam("metric", "turns").get("/api/v1/analytics/counts")
                .then().statusCode(200).body("counts", notNullValue());
        assertThat(DownstreamStubs.RECEIVED).singleElement()
                .satisfies(r -> assertThat(r.query()).isEqualTo("metric=turns"));
    }

    @Test
    void interactionsLandOnKafkaUnderTheVerifiedUser() {
        String id = given().auth().oauth2(token("player-1")).contentType(ContentType.JSON)
                .body(Map.of("titleId", "gm-0001", "type", "play", "recommendationId", "rec-9", "source", "home",
                        "userId", "somebody-else"))
                .post("/api/v1/interactions")
                .then().statusCode(202)
                .body("interactionId", notNullValue())
                .extract().path("interactionId");

        ConsumerRecord<String, String> record = KAFKA.await(Topic.INTERACTIONS.topicName(),
                r -> id.equals(KafkaTestClient.header(r, "ce_id")), 1, WAIT).getFirst();
        assertThat(record.key()).isEqualTo("player-1");
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo(EventType.INTERACTION.ceType());
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("/marquee/gateway-service");
        assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo("player-1");
        Interaction interaction = EventCodec.instance().decode(record.value(), Interaction.class);
        assertThat(interaction.userId()).isEqualTo("player-1");
        assertThat(interaction.type()).isEqualTo(InteractionType.PLAY);
        assertThat(interaction.recommendationId()).isEqualTo("rec-9");
    }

    @Test
    void theBrandComesFromTheTokensIssuerOrFromAClaimTheDeploymentServesAndNothingElse() {
        TestIssuer own = TestIssuer.sharedOfOwnBrand();
        assertThat(brandOfInteraction(own.token("studio-fan", "user"))).isEqualTo(TestIssuer.BRAND_WITH_OWN_ISSUER);
        assertThat(brandOfInteraction(TestIssuer.shared().tokenFor("nova-fan").roles("user")
                .claims(Map.of("brand", "nova")).sign())).isEqualTo("nova");
        assertThat(brandOfInteraction(token("plain-fan"))).isEqualTo("marquee");

        Map<String, String> refused = Map.of(
                own.tokenFor("studio-fan").roles("user").claims(Map.of("brand", "marquee")).sign(),
                "comes from the issuer of brand 'studio' but claims brand 'marquee'",
                TestIssuer.shared().tokenFor("impostor").roles("user")
                        .claims(Map.of("brand", TestIssuer.BRAND_WITH_OWN_ISSUER)).sign(),
                "signs its users in through its own issuer",
                TestIssuer.shared().tokenFor("stranger").roles("user").claims(Map.of("brand", "elsewhere")).sign(),
                "does not serve brand 'elsewhere'",
                TestIssuer.shared().tokenFor("numbered").roles("user").claims(Map.of("brand", 42)).sign(),
                "is not a brand name");
        refused.forEach((bearer, detail) -> {
            given().auth().oauth2(bearer).get("/api/v1/privacy/consent")
                    .then().statusCode(403).contentType(PROBLEM).body("detail", containsString(detail));
            given().auth().oauth2(bearer).contentType(ContentType.JSON).body(Map.of("titleId", "gm-0001", "type",
                    "play")).post("/api/v1/interactions").then().statusCode(403).contentType(PROBLEM);
        });
        assertThat(DownstreamStubs.RECEIVED).isEmpty();

        // A path that ends in a brand's name does not pick that brand's issuer: the token's issuer does.
        DownstreamStubs.answer("dialogue", "GET", "/v1/admin/personas/" + TestIssuer.BRAND_WITH_OWN_ISSUER, 200,
                "application/json", "{\"id\":\"studio\"}", Map.of());
        given().auth().oauth2(token("root", "user", "admin"))
                .get("/api/v1/admin/personas/" + TestIssuer.BRAND_WITH_OWN_ISSUER).then().statusCode(200);
    }

    private static String brandOfInteraction(String bearer) {
        String id = given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body(Map.of("titleId", "gm-0001", "type", "play")).post("/api/v1/interactions")
                .then().statusCode(202).extract().path("interactionId");
        ConsumerRecord<String, String> record = KAFKA.await(Topic.INTERACTIONS.topicName(),
                r -> id.equals(KafkaTestClient.header(r, "ce_id")), 1, WAIT).getFirst();
        return EventCodec.instance().decode(record.value(), Interaction.class).brand();
    }

    @Test
    void aStreamedTurnIsRelayedEventByEventAndAProblemBeforeTheStreamAsAProblem() {
        DownstreamStubs.answer("dialogue", "POST", "/v1/turns/stream", 200, "text/event-stream",
                "event: token\ndata: {\"text\":\"Hello\"}\n\nevent: token\ndata: {\"text\":\" there\"}\n\n"
                        + "event: reply\ndata: {\"turnId\":\"t-1\"}\n\n", Map.of());
        String bearer = token("streamer");
        String stream = given().auth().oauth2(bearer).accept("text/event-stream").contentType(ContentType.JSON)
                .body(Map.of("message", "hi there")).post("/api/v1/chat/turns/stream")
                .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
        assertThat(stream).containsSubsequence("token", "{\"text\":\"Hello\"}", "token", "{\"text\":\" there\"}",
                "reply", "{\"turnId\":\"t-1\"}");
        assertThat(DownstreamStubs.RECEIVED).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/turns/stream");
            assertThat(r.authorization()).isEqualTo("Bearer " + bearer);
            assertThat(r.body()).contains("hi there");
        });

        String unknown = UUID.randomUUID().toString();
        DownstreamStubs.answer("dialogue", "POST", "/v1/turns/stream", 404, PROBLEM,
                "{\"type\":\"https://marquee.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"no conversation " + unknown + "\"}", Map.of());
        given().auth().oauth2(bearer).accept("text/event-stream").contentType(ContentType.JSON)
                .body(Map.of("message", "hi", "conversationId", unknown)).post("/api/v1/chat/turns/stream")
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString(unknown));
        given().auth().oauth2(bearer).accept("text/event-stream").contentType(ContentType.JSON)
                .body(Map.of("message", "")).post("/api/v1/chat/turns/stream")
                .then().statusCode(400).contentType(PROBLEM);
        assertThat(DownstreamStubs.RECEIVED).hasSize(2);
    }

    @Test
    void aBatchOfInteractionsIsStoredWholeOrRefusedWholeAndCanBeSentAgain() {
        String user = "batcher-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> items = List.of(
                Map.of("titleId", "mv-0001", "type", "impression", "recommendationId", "rec-7", "source", "chat"),
                Map.of("titleId", "mv-0002", "type", "impression", "recommendationId", "rec-7", "source", "chat"),
                Map.of("titleId", "mv-0002", "type", "click", "recommendationId", "rec-7", "source", "chat"));
        List<String> ids = given().auth().oauth2(token(user)).header("Idempotency-Key", "screen-1")
                .contentType(ContentType.JSON).body(Map.of("items", items)).post("/api/v1/interactions/batch")
                .then().statusCode(202).extract().path("items.interactionId");
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        List<String> again = given().auth().oauth2(token(user)).header("Idempotency-Key", "screen-1")
                .contentType(ContentType.JSON).body(Map.of("items", items)).post("/api/v1/interactions/batch")
                .then().statusCode(202).extract().path("items.interactionId");
        assertThat(again).isEqualTo(ids);
        List<ConsumerRecord<String, String>> stored = KAFKA.await(Topic.INTERACTIONS.topicName(),
                r -> user.equals(r.key()), 6, WAIT);
        assertThat(stored).extracting(r -> KafkaTestClient.header(r, "ce_id")).containsExactlyInAnyOrder(
                ids.get(0), ids.get(1), ids.get(2), ids.get(0), ids.get(1), ids.get(2));

        String refused = "refused-" + user;
        given().auth().oauth2(token(refused)).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(items.get(0), Map.of("titleId", "mv-0003", "type", "rating"))))
                .post("/api/v1/interactions/batch")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("items[1]"));
        given().auth().oauth2(token(refused)).contentType(ContentType.JSON)
                .body(Map.of("items", java.util.Collections.nCopies(101, items.get(0))))
                .post("/api/v1/interactions/batch").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(token(refused)).contentType(ContentType.JSON).body(Map.of("items", List.of()))
                .post("/api/v1/interactions/batch").then().statusCode(400).contentType(PROBLEM);
        assertThat(KAFKA.readAll(Topic.INTERACTIONS.topicName())).noneMatch(r -> refused.equals(r.key()));
    }

    @Test
    void aRetriedInteractionWithTheSameIdempotencyKeyKeepsItsId() {
        Map<String, Object> play = Map.of("titleId", "gm-0002", "type", "play");
        String first = given().auth().oauth2(token("retrier")).header("Idempotency-Key", "tap-42")
                .contentType(ContentType.JSON).body(play).post("/api/v1/interactions")
                .then().statusCode(202).extract().path("interactionId");
        String again = given().auth().oauth2(token("retrier")).header("Idempotency-Key", "tap-42")
                .contentType(ContentType.JSON).body(play).post("/api/v1/interactions")
                .then().statusCode(202).extract().path("interactionId");
        String otherUser = given().auth().oauth2(token("someone")).header("Idempotency-Key", "tap-42")
                .contentType(ContentType.JSON).body(play).post("/api/v1/interactions")
                .then().statusCode(202).extract().path("interactionId");

        assertThat(again).isEqualTo(first);
        assertThat(otherUser).isNotEqualTo(first);
        given().auth().oauth2(token("retrier")).header("Idempotency-Key", "no spaces allowed")
                .contentType(ContentType.JSON).body(play).post("/api/v1/interactions")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void badInteractionsAreRefusedAndNothingIsPublished() {
        String user = "clumsy-" + System.nanoTime();
        Map<String, Object> base = Map.of("titleId", "gm-0001", "type", "rating");
        given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(base)
                .post("/api/v1/interactions").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("rating"));
        given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("titleId", "gm-0001", "type", "binge"))
                .post("/api/v1/interactions").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("type"));
        given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("titleId", "gm-0001", "type", "play", "occurredAt",
                        Instant.now().plusSeconds(3600).toString()))
                .post("/api/v1/interactions").then().statusCode(400).body("detail", containsString("future"));
        given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("type", "play"))
                .post("/api/v1/interactions").then().statusCode(400).body("errors.field", hasItem("titleId"));
        given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body("{\"titleId\":\"gm-0001\",\"type\":\"play\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                .post("/api/v1/interactions").then().statusCode(413).contentType(PROBLEM);

        assertThat(KAFKA.readAll(Topic.INTERACTIONS.topicName())).noneMatch(r -> user.equals(r.key()));
    }

    /** Every public route: method, path and a valid body (null for none). */
    static Stream<Arguments> routes() {
        String id = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("POST", "/api/v1/chat/turns", "{\"message\":\"hi\"}"),
                Arguments.of("POST", "/api/v1/chat/turns/stream", "{\"message\":\"hi\"}"),
                Arguments.of("GET", "/api/v1/admin/personas", null),
                Arguments.of("DELETE", "/api/v1/admin/titles/mv-0001", null),
                Arguments.of("POST", "/api/v1/interactions/batch",
                        "{\"items\":[{\"titleId\":\"mv-0001\",\"type\":\"click\"}]}"),
                Arguments.of("POST", "/api/v1/turns/" + id + "/feedback", "{\"rating\":\"up\"}"),
                Arguments.of("GET", "/api/v1/conversations", null),
                Arguments.of("GET", "/api/v1/conversations/" + id, null),
                Arguments.of("DELETE", "/api/v1/conversations/" + id, null),
                Arguments.of("GET", "/api/v1/recommendations", null),
                Arguments.of("GET", "/api/v1/trending", null),
                Arguments.of("GET", "/api/v1/titles", null),
                Arguments.of("GET", "/api/v1/titles/mv-0001", null),
                Arguments.of("GET", "/api/v1/titles/mv-0001/similar", null),
                Arguments.of("POST", "/api/v1/interactions", "{\"titleId\":\"mv-0001\",\"type\":\"play\"}"),
                Arguments.of("GET", "/api/v1/privacy/consent", null),
                Arguments.of("PUT", "/api/v1/privacy/consent", "{\"purposes\":{\"analytics\":true}}"),
                Arguments.of("GET", "/api/v1/privacy/consent/history", null),
                Arguments.of("GET", "/api/v1/privacy/consent/brands", null),
                Arguments.of("POST", "/api/v1/privacy/erasure-requests", null),
                Arguments.of("GET", "/api/v1/privacy/erasure-requests", null),
                Arguments.of("GET", "/api/v1/privacy/erasure-requests/" + id, null),
                Arguments.of("GET", "/api/v1/privacy/erasure-requests/" + id + "/receipt", null),
                Arguments.of("POST", "/api/v1/privacy/export-requests", null),
                Arguments.of("GET", "/api/v1/privacy/export-requests", null),
                Arguments.of("GET", "/api/v1/privacy/export-requests/" + id, null),
                Arguments.of("GET", "/api/v1/privacy/export-requests/" + id + "/bundle", null),
                Arguments.of("GET", "/api/v1/analytics/counts", null));
    }

    static Stream<Arguments> routesWithBodies() {
        return routes().filter(a -> a.get()[2] != null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void everyRouteRefusesMissingAndInvalidTokens(String method, String path, String body) {
        TestIssuer issuer = TestIssuer.shared();
        List<String> badTokens = List.of(
                issuer.tokenFor("mallory").foreignKey().sign(),
                issuer.tokenFor("mallory").unsigned().sign(),
                issuer.tokenFor("mallory").audience("another-api").sign(),
                issuer.tokenFor("mallory").issuer("http://127.0.0.1:1/realms/evil").sign(),
                issuer.tokenFor("mallory").issuedAgo(Duration.ofHours(2), Duration.ofMinutes(5)).sign(),
                "Zm9vLmJhci5iYXo");
        request(null, body).request(method, path)
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", containsString("Bearer"));
        for (String bad : badTokens) {
            request(bad, body).request(method, path).then().statusCode(401).contentType(PROBLEM);
        }
        assertThat(DownstreamStubs.RECEIVED).isEmpty();
        assertThat(KAFKA.readAll(Topic.INTERACTIONS.topicName())).noneMatch(r -> "mallory".equals(r.key()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routesWithBodies")
    void everyRouteWithABodyRefusesMalformedIncompleteAndOversizedBodies(String method, String path, String body) {
        String userToken = token("careful");
        request(userToken, "{\"broken\": ").request(method, path)
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://marquee.dev/problems/malformed-json"));
        request(userToken, "{}").request(method, path)
                .then().statusCode(400).contentType(PROBLEM).body("errors", notNullValue());
        request(userToken, "{\"pad\":\"" + "x".repeat(70_000) + "\"}").request(method, path)
                .then().statusCode(413).contentType(PROBLEM);
        assertThat(DownstreamStubs.RECEIVED).isEmpty();
    }

    private static RequestSpecification request(String bearer, String body) {
        RequestSpecification spec = given();
        if (bearer != null) {
            spec = spec.auth().oauth2(bearer);
        }
        if (body != null) {
            spec = spec.contentType(ContentType.JSON).body(body);
        }
        return spec;
    }

    @Test
    void personasAndTheCatalogAreAdministeredThroughTheGatewayByAdminsOnly() {
        String user = token("alice");
        given().auth().oauth2(user).get("/api/v1/admin/personas").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(user).contentType(ContentType.JSON).body("{\"name\":\"Pixel\"}")
                .put("/api/v1/admin/personas/nova-guide").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(user).contentType(ContentType.JSON).body("[]").post("/api/v1/admin/titles")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(user).delete("/api/v1/admin/titles/mv-0001").then().statusCode(403);
        assertThat(DownstreamStubs.RECEIVED).isEmpty();

        String admin = token("root", "user", "admin");
        DownstreamStubs.answer("dialogue", "PUT", "/v1/admin/personas/nova-guide", 200, "application/json",
                "{\"id\":\"nova-guide\",\"version\":2}", Map.of());
        DownstreamStubs.answer("recommendation", "POST", "/v1/admin/titles", 200, "application/json",
                "{\"upserted\":1}", Map.of());
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"Pixel\"}")
                .put("/api/v1/admin/personas/nova-guide").then().statusCode(200).body("version", equalTo(2));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("[{\"id\":\"mv-9999\"}]")
                .post("/api/v1/admin/titles").then().statusCode(200).body("upserted", equalTo(1));
        given().auth().oauth2(admin).get("/api/v1/admin/personas/Not An Id").then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{broken").post("/api/v1/admin/titles")
                .then().statusCode(400).contentType(PROBLEM);
        assertThat(DownstreamStubs.RECEIVED).hasSize(2);
        assertThat(DownstreamStubs.RECEIVED.get(0).body()).contains("Pixel");
        assertThat(DownstreamStubs.RECEIVED.get(0).authorization()).isEqualTo("Bearer " + admin);
        assertThat(DownstreamStubs.RECEIVED.get(1).body()).contains("mv-9999");
    }

    @Test
    void theWebChatPageItsSignInSettingsAndCardPostersAreServedWithoutAToken() {
        given().get("/chat/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("connect-src 'self' "
                        + TestIssuer.shared().issuer() + "/;"))
                .body(containsString("id=\"sign-in\""), containsString("chat.js"));
        given().get("/chat/chat.js").then().statusCode(200).body(containsString("code_challenge_method: 'S256'"));
        String issuer = TestIssuer.shared().issuer();
        given().get("/chat/config").then().statusCode(200)
                .body("clientId", equalTo("marquee-web"))
                .body("issuer", equalTo(issuer))
                .body("authorizationEndpoint", equalTo(issuer + "/protocol/openid-connect/auth"))
                .body("tokenEndpoint", equalTo(issuer + "/protocol/openid-connect/token"));

        DownstreamStubs.answer("dialogue", "GET", "/v1/posters/mv-0001.svg", 200, "image/svg+xml",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", Map.of());
        given().get("/api/v1/posters/mv-0001.svg").then().statusCode(200).contentType(containsString("image/svg+xml"));
        given().get("/api/v1/posters/not a title.svg").then().statusCode(400).contentType(PROBLEM);
        assertThat(DownstreamStubs.RECEIVED).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isNull());
    }

    @Test
    void theApiIsDocumentedAndTheServiceReady() {
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/chat/turns"))
                .body(containsString("/api/v1/interactions"));
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/chat/turns'.post.responses.'429'.headers", hasKey("Retry-After"))
                .body("paths.'/api/v1/chat/turns/stream'.post.responses.'503'.content", hasKey(PROBLEM))
                .body("components.schemas", hasKey("Problem"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        // Request times come as a histogram with fixed buckets: the chart's p99 alert computes from them.
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"), containsString("le=\"0.1\""));
    }
}
