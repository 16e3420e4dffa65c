package dev.marquee.privacy;

import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
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
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "privacy"))
class PrivacyServiceTest {
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedBroker();
    private static final Duration WAIT = Duration.ofSeconds(30);

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    private static String token(String user) {
        return TestIssuer.shared().token(user, "user");
    }

    @Test
    void consentIsRecordedAppendedToHistoryAndPublishedAsCompleteState() {
        String user = "consenting-" + UUID.randomUUID();
        given().auth().oauth2(token(user)).get("/v1/consent")
                .then().statusCode(200)
                .body("version", equalTo(0))
                .body("purposes.personalization", equalTo(false))
                .body("purposes.marketing", equalTo(false));

        putConsent(user, Map.of("personalization", true, "analytics", true))
                .statusCode(200)
                .body("version", equalTo(1))
                .body("purposes.personalization", equalTo(true))
                .body("purposes.model_improvement", equalTo(false))
                .body("policyVersion", equalTo("2026-01"));
        putConsent(user, Map.of("personalization", true)).statusCode(200).body("version", equalTo(1));
        putConsent(user, Map.of("analytics", false, "marketing", true)).statusCode(200).body("version", equalTo(2));

        given().auth().oauth2(token(user)).get("/v1/consent/history")
                .then().statusCode(200)
                .body("", hasSize(4))
                .body("purpose", contains("personalization", "analytics", "analytics", "marketing"));

        List<ConsumerRecord<String, String>> events = KAFKA.await(Topic.PRIVACY_CONSENT.topicName(),
                r -> user.equals(r.key()), 2, WAIT);
        ConsentChanged latest = EventCodec.instance().decode(events.get(1).value(), ConsentChanged.class);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.granted(ConsentPurpose.PERSONALIZATION)).isTrue();
        assertThat(latest.granted(ConsentPurpose.ANALYTICS)).isFalse();
        assertThat(latest.granted(ConsentPurpose.MARKETING)).isTrue();
        assertThat(latest.changed()).containsExactlyInAnyOrder(ConsentPurpose.ANALYTICS, ConsentPurpose.MARKETING);
        assertThat(KafkaTestClient.header(events.get(1), "ce_id")).isEqualTo(user + "/consent/2");
    }

    @Test
    void theConsentHistoryCannotBeRewritten() {
        String user = "ledger-" + UUID.randomUUID();
        putConsent(user, Map.of("analytics", true)).statusCode(200);

        assertThatThrownBy(() -> {
            try (Connection c = PostgresServer.obtain().connect(PostgresResource.databaseName("privacy"))) {
                c.createStatement().executeUpdate("UPDATE consent_history SET granted = false WHERE user_id = '"
                        + user + "'");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }

    @Test
    void badConsentInputGetsProblemDetails() {
        String user = "sloppy";
        putConsent(user, Map.of("telepathy", true)).statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("telepathy"));
        putConsent(user, Map.of()).statusCode(400).body("errors.field", hasItem("purposes"));
        given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body("{\"purposes\": {\"analytics\": \"maybe\"}}").put("/v1/consent")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token(user)).contentType(ContentType.JSON).body("{\"purposes\":")
                .put("/v1/consent").then().statusCode(400)
                .body("type", equalTo("https://marquee.dev/problems/malformed-json"));
        given().contentType(ContentType.JSON).body(Map.of("purposes", Map.of("analytics", true)))
                .put("/v1/consent").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(token(user)).get("/v1/consent").then().statusCode(200).body("version", equalTo(0));
    }

    @Test
    void anErasureRequestCompletesOnlyWhenEveryRequiredServiceConfirmed() {
        String user = "leaving-" + UUID.randomUUID();
        String requestId = given().auth().oauth2(token(user)).post("/v1/erasure-requests")
                .then().statusCode(202)
                .header("Location", containsString("/v1/erasure-requests/"))
                .body("status", equalTo("pending"))
                .body("requiredServices", contains("dialogue-service", "recommendation-service"))
                .extract().path("requestId");
        given().auth().oauth2(token(user)).post("/v1/erasure-requests")
                .then().statusCode(202).body("requestId", equalTo(requestId));

        ConsumerRecord<String, String> published = KAFKA.await(Topic.PRIVACY_ERASURE_REQUESTS.topicName(),
                r -> r.value().contains(requestId), 1, WAIT).getFirst();
        assertThat(published.key()).isEqualTo(user);
        ErasureRequested event = EventCodec.instance().decode(published.value(), ErasureRequested.class);
        assertThat(event.userId()).isEqualTo(user);

        confirm(requestId, user, "dialogue-service", Map.of("turns", 4L));
        confirm(requestId, user, "dialogue-service", Map.of("turns", 4L));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(user))
                .get("/v1/erasure-requests/" + requestId)
                .then().statusCode(200)
                .body("status", equalTo("pending"))
                .body("confirmations", hasSize(1))
                .body("pendingServices", contains("recommendation-service"))
                .body("completedAt", nullValue()));

        confirm(requestId, user, "recommendation-service", Map.of("interactions", 7L));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(user))
                .get("/v1/erasure-requests/" + requestId)
                .then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("pendingServices", hasSize(0))
                .body("confirmations.service", contains("dialogue-service", "recommendation-service")));

        given().auth().oauth2(token("somebody-else")).get("/v1/erasure-requests/" + requestId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(user)).get("/v1/erasure-requests/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void pendingRequestsAreSentAgainUntilConfirmed() {
        String user = "unheard-" + UUID.randomUUID();
        String requestId = given().auth().oauth2(token(user)).post("/v1/erasure-requests")
                .then().statusCode(202).extract().path("requestId");

        List<ConsumerRecord<String, String>> sends = KAFKA.await(Topic.PRIVACY_ERASURE_REQUESTS.topicName(),
                r -> r.value().contains(requestId), 2, WAIT);
        assertThat(sends).extracting(r -> EventCodec.instance().decode(r.value(), ErasureRequested.class).attempt())
                .contains(1, 2);
    }

    @Test
    void confirmationsOfUnknownRequestsAreDeadLettered() {
        String requestId = UUID.randomUUID().toString();
        confirm(requestId, "nobody", "dialogue-service", Map.of());

        ConsumerRecord<String, String> dead = KAFKA.await(Topic.PRIVACY_DLQ.topicName(),
                r -> r.value().contains(requestId), 1, WAIT).getFirst();
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("no erasure request");
    }

    @Test
    void healthIsReady() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static io.restassured.response.ValidatableResponse putConsent(String user, Map<String, Object> purposes) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("purposes", purposes)).put("/v1/consent").then();
    }

    private static void confirm(String requestId, String user, String service, Map<String, Long> erased) {
        KAFKA.send(EventEnvelope.forUser(user, requestId + "/" + service + "/" + UUID.randomUUID(),
                "/marquee/" + service, Instant.now(),
                new ErasureCompleted(requestId, user, service, erased, Instant.now())));
    }
}
