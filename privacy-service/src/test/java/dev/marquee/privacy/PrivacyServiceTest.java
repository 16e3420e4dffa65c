package dev.marquee.privacy;

import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.ExportContributed;
import dev.marquee.events.ExportRequested;
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
                .body("items", hasSize(4)).body("total", equalTo(4))
                .body("items.purpose", contains("personalization", "analytics", "analytics", "marketing"));
        given().auth().oauth2(token(user)).queryParam("page", 1).queryParam("size", 3).get("/v1/consent/history")
                .then().statusCode(200)
                .body("items.purpose", contains("marketing")).body("page", equalTo(1)).body("total", equalTo(4));
        given().auth().oauth2(token(user)).queryParam("size", 101).get("/v1/consent/history")
                .then().statusCode(400).contentType("application/problem+json");

        List<ConsumerRecord<String, String>> events = KAFKA.await(Topic.PRIVACY_CONSENT.topicName(),
                r -> user.equals(r.key()), 2, WAIT);
        ConsentChanged latest = EventCodec.instance().decode(events.get(1).value(), ConsentChanged.class);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.brand()).isEqualTo("marquee");
        assertThat(latest.granted("marquee", ConsentPurpose.PERSONALIZATION)).isTrue();
        assertThat(latest.granted("marquee", ConsentPurpose.ANALYTICS)).isFalse();
        assertThat(latest.granted("marquee", ConsentPurpose.MARKETING)).isTrue();
        assertThat(latest.brands()).containsOnlyKeys("marquee");
        assertThat(latest.changed()).containsExactlyInAnyOrder(ConsentPurpose.ANALYTICS, ConsentPurpose.MARKETING);
        assertThat(KafkaTestClient.header(events.get(1), "ce_id")).isEqualTo(user + "/consent/2");
    }

    @Test
    void consentIsKeptPerBrandAndEveryStateOfTheUserNamesEveryBrand() {
        String user = "two-brands-" + UUID.randomUUID();
        String kids = TestIssuer.shared().tokenFor(user).roles("user").claims(Map.of("brand", "kids")).sign();
        putConsent(user, Map.of("personalization", true, "analytics", true)).statusCode(200)
                .body("brand", equalTo("marquee")).body("version", equalTo(1));
        given().auth().oauth2(kids).get("/v1/consent").then().statusCode(200)
                .body("brand", equalTo("kids"))
                .body("version", equalTo(0))
                .body("purposes.personalization", equalTo(false));

        given().auth().oauth2(kids).contentType(ContentType.JSON)
                .body(Map.of("purposes", Map.of("analytics", true))).put("/v1/consent")
                .then().statusCode(200)
                .body("brand", equalTo("kids"))
                .body("version", equalTo(2))
                .body("purposes.analytics", equalTo(true))
                .body("purposes.personalization", equalTo(false));
        // Withdrawing in one brand leaves the other as it was.
        putConsent(user, Map.of("analytics", false)).statusCode(200).body("version", equalTo(3));

        given().auth().oauth2(token(user)).get("/v1/consent").then().statusCode(200)
                .body("purposes.personalization", equalTo(true)).body("purposes.analytics", equalTo(false));
        given().auth().oauth2(kids).get("/v1/consent").then().statusCode(200)
                .body("purposes.analytics", equalTo(true)).body("version", equalTo(2));
        given().auth().oauth2(kids).get("/v1/consent/brands").then().statusCode(200)
                .body("brand", contains("kids", "marquee"))
                .body("purposes.analytics", contains(true, false));
        given().auth().oauth2(token(user)).get("/v1/consent/history").then().statusCode(200)
                .body("items.brand", contains("marquee", "marquee", "kids", "marquee"))
                .body("items.purpose", contains("personalization", "analytics", "analytics", "analytics"));

        List<ConsumerRecord<String, String>> events = KAFKA.await(Topic.PRIVACY_CONSENT.topicName(),
                r -> user.equals(r.key()), 3, WAIT);
        ConsentChanged kidsChange = EventCodec.instance().decode(events.get(1).value(), ConsentChanged.class);
        assertThat(kidsChange.brand()).isEqualTo("kids");
        assertThat(kidsChange.brands()).containsOnlyKeys("kids", "marquee");
        assertThat(kidsChange.brandsGranting(ConsentPurpose.PERSONALIZATION)).containsExactly("marquee");
        ConsentChanged latest = EventCodec.instance().decode(events.get(2).value(), ConsentChanged.class);
        assertThat(latest.version()).isEqualTo(3);
        assertThat(latest.brand()).isEqualTo("marquee");
        assertThat(latest.brandsGranting(ConsentPurpose.ANALYTICS)).containsExactly("kids");
        assertThat(latest.granted("kids", ConsentPurpose.PERSONALIZATION)).isFalse();
        assertThat(latest.granted("elsewhere", ConsentPurpose.ANALYTICS)).isFalse();
    }

    @Test
    void aTokenWhoseBrandIsNoBrandNameIsRefused() {
        String odd = TestIssuer.shared().tokenFor("odd-" + UUID.randomUUID()).roles("user")
                .claims(Map.of("brand", "Kids Brand; DROP")).sign();
        given().auth().oauth2(odd).contentType(ContentType.JSON)
                .body(Map.of("purposes", Map.of("analytics", true))).put("/v1/consent")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("brand claim"));
        given().auth().oauth2(odd).get("/v1/consent").then().statusCode(403);
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
                .body("confirmations.service", contains("privacy-service", "dialogue-service"))
                .body("pendingServices", contains("recommendation-service"))
                .body("completedAt", nullValue()));

        confirm(requestId, user, "recommendation-service", Map.of("interactions", 7L));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(user))
                .get("/v1/erasure-requests/" + requestId)
                .then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("pendingServices", hasSize(0))
                .body("confirmations.service", contains("privacy-service", "dialogue-service",
                        "recommendation-service")));

        given().auth().oauth2(token("somebody-else")).get("/v1/erasure-requests/" + requestId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(user)).get("/v1/erasure-requests/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void pendingRequestsAreSentAgainUntilConfirmedAndFlaggedOverdue() {
        String user = "unheard-" + UUID.randomUUID();
        String requestId = given().auth().oauth2(token(user)).post("/v1/erasure-requests")
                .then().statusCode(202).body("overdue", equalTo(false)).extract().path("requestId");

        List<ConsumerRecord<String, String>> sends = KAFKA.await(Topic.PRIVACY_ERASURE_REQUESTS.topicName(),
                r -> r.value().contains(requestId), 2, WAIT);
        assertThat(sends).extracting(r -> EventCodec.instance().decode(r.value(), ErasureRequested.class).attempt())
                .contains(1, 2);
        assertThat(EventCodec.instance().decode(sends.getFirst().value(), ErasureRequested.class).pendingServices())
                .as("the first publication asks every required service").isNull();
        // Once dialogue confirmed, re-sends ask only the service still missing.
        confirm(requestId, user, "dialogue-service", Map.of("turns", 1L));
        KAFKA.await(Topic.PRIVACY_ERASURE_REQUESTS.topicName(), r -> r.value().contains(requestId)
                && List.of("recommendation-service").equals(EventCodec.instance().decode(r.value(),
                ErasureRequested.class).pendingServices()), 1, WAIT);
        given().auth().oauth2(token(user)).get("/v1/erasure-requests/" + requestId + "/receipt")
                .then().statusCode(409).contentType("application/problem+json");

        // overdue-after is 5 s in tests: the request is flagged, audited and counted, and still re-sent.
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(user))
                .get("/v1/erasure-requests/" + requestId)
                .then().statusCode(200).body("overdue", equalTo(true)).body("status", equalTo("pending")));
        given().auth().oauth2(admin()).queryParam("userId", user).get("/v1/audit")
                .then().statusCode(200)
                .body("entries.action", hasItem("erasure.overdue"))
                .body("entries.action", hasItem("erasure.resent"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").then().statusCode(200)
                .extract().asString()).containsPattern("marquee_privacy_requests_overdue\\{kind=\"erasure\"[^}]*} [1-9]"));
    }

    @Test
    void erasureForgetsTheConsentStateEverywhereAndIssuesAReceipt() {
        String user = "receipt-" + UUID.randomUUID();
        putConsent(user, Map.of("personalization", true, "analytics", true)).statusCode(200);
        String requestId = given().auth().oauth2(token(user)).post("/v1/erasure-requests")
                .then().statusCode(202).extract().path("requestId");

        // The current state goes at once, with a tombstone on the compacted topic; the history stays as proof.
        given().auth().oauth2(token(user)).get("/v1/consent").then().statusCode(200).body("version", equalTo(0));
        List<ConsumerRecord<String, String>> consent = KAFKA.await(Topic.PRIVACY_CONSENT.topicName(),
                r -> user.equals(r.key()), 2, WAIT);
        assertThat(consent.get(1).value()).as("tombstone").isNull();
        given().auth().oauth2(token(user)).get("/v1/consent/history").then().statusCode(200).body("items", hasSize(2));

        confirm(requestId, user, "dialogue-service", Map.of("turns", 4L, "conversations", 1L));
        confirm(requestId, user, "recommendation-service", Map.of("interactions", 7L));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(user))
                .get("/v1/erasure-requests/" + requestId).then().body("status", equalTo("completed")));

        Map<String, Object> receipt = given().auth().oauth2(token(user))
                .get("/v1/erasure-requests/" + requestId + "/receipt")
                .then().statusCode(200)
                .body("services.service", contains("privacy-service", "dialogue-service", "recommendation-service"))
                .body("services.find { it.service == 'privacy-service' }.erased.consentState", equalTo(1))
                .body("totals.dialogue-service", equalTo(5))
                .body("totals.recommendation-service", equalTo(7))
                .extract().as(Map.class);
        List<String> actions = given().auth().oauth2(admin()).queryParam("userId", user).get("/v1/audit")
                .then().statusCode(200).extract().path("entries.action");
        // A re-send (every 3 s in tests) may come in between on a slow machine.
        assertThat(actions.stream().filter(a -> !a.equals("erasure.resent")))
                .containsExactly("consent.changed", "erasure.requested", "erasure.answered", "erasure.answered",
                        "erasure.completed");
        given().auth().oauth2(admin()).queryParam("userId", user).get("/v1/audit")
                .then().statusCode(200)
                .body("entries.find { it.action == 'erasure.completed' }.seq",
                        equalTo(((Number) receipt.get("auditSeq")).intValue()))
                .body("entries.find { it.action == 'erasure.completed' }.hash", equalTo(receipt.get("auditHash")));
        given().auth().oauth2(token("somebody-else")).get("/v1/erasure-requests/" + requestId + "/receipt")
                .then().statusCode(404);
    }

    @Test
    void anExportGathersEveryServicesContributionIntoOneBundle() {
        String user = "curious-" + UUID.randomUUID();
        putConsent(user, Map.of("marketing", true)).statusCode(200);
        String requestId = given().auth().oauth2(token(user)).post("/v1/export-requests")
                .then().statusCode(202)
                .header("Location", containsString("/v1/export-requests/"))
                .body("status", equalTo("pending"))
                .body("bundle", nullValue())
                .extract().path("requestId");
        given().auth().oauth2(token(user)).post("/v1/export-requests")
                .then().statusCode(202).body("requestId", equalTo(requestId));
        ExportRequested event = EventCodec.instance().decode(KAFKA.await(Topic.PRIVACY_EXPORT_REQUESTS.topicName(),
                r -> r.value().contains(requestId), 1, WAIT).getFirst().value(), ExportRequested.class);
        assertThat(event.requiredServices()).containsExactly("dialogue-service", "recommendation-service");

        contribute(requestId, user, "dialogue-service", Map.of("turns", List.of(Map.of("user_text", "hello"))));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(user))
                .get("/v1/export-requests/" + requestId)
                .then().body("contributed", contains("dialogue-service"))
                .body("pendingServices", contains("recommendation-service")));
        given().auth().oauth2(token(user)).get("/v1/export-requests/" + requestId + "/bundle")
                .then().statusCode(409).contentType("application/problem+json");

        contribute(requestId, user, "recommendation-service", Map.of("interactions", List.of()));
        contribute(requestId, user, "dialogue-service", Map.of("turns", List.of()));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(user))
                .get("/v1/export-requests/" + requestId).then().body("status", equalTo("completed")));

        given().auth().oauth2(token(user)).get("/v1/export-requests/" + requestId + "/bundle")
                .then().statusCode(200)
                .header("Content-Disposition", containsString("attachment"))
                .body("userId", equalTo(user))
                .body("services.dialogue-service.turns[0].user_text", equalTo("hello"))
                .body("services.recommendation-service.interactions", hasSize(0))
                .body("services.privacy-service.consentHistory.purpose", contains("marketing"))
                .body("services.privacy-service.auditEntries.action", hasItem("export.requested"));
        given().auth().oauth2(token("somebody-else")).get("/v1/export-requests/" + requestId + "/bundle")
                .then().statusCode(404);
    }

    @Test
    void contributionsToUnknownExportsAreDroppedNotDeadLettered() {
        String user = "stranger-" + UUID.randomUUID();
        String unknown = UUID.randomUUID().toString();
        contribute(unknown, user, "dialogue-service", Map.of("turns", List.of(Map.of("user_text", "secret"))));
        KAFKA.send(Topic.PRIVACY_EXPORT_CONTRIBUTIONS.topicName(), user, "{\"requestId\":\"" + unknown + "\"}",
                Map.of("ce_id", unknown + "/broken", "ce_type", "dev.marquee.privacy.export-contributed.v1"));
        // A valid contribution after them, with the same key (so on the same partition): once it is recorded, the
        // two before it were handled.
        String requestId = given().auth().oauth2(token(user)).post("/v1/export-requests")
                .then().statusCode(202).extract().path("requestId");
        contribute(requestId, user, "dialogue-service", Map.of("turns", List.of()));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(user))
                .get("/v1/export-requests/" + requestId).then().body("contributed", contains("dialogue-service")));

        assertThat(KAFKA.readAll(Topic.PRIVACY_DLQ.topicName())).noneMatch(r -> r.value().contains(unknown));
    }

    @Test
    void theAuditLogIsForAdminsAndItsHashChainDetectsTampering() throws SQLException {
        String user = "audited-" + UUID.randomUUID();
        putConsent(user, Map.of("analytics", true)).statusCode(200);
        given().auth().oauth2(token(user)).get("/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(token(user)).get("/v1/audit/verify").then().statusCode(403);
        given().get("/v1/audit/verify").then().statusCode(401);
        given().auth().oauth2(admin()).get("/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));

        int seq = given().auth().oauth2(admin()).queryParam("userId", user).get("/v1/audit")
                .then().statusCode(200)
                .body("entries", hasSize(1))
                .body("entries[0].subject", org.hamcrest.Matchers.not(containsString(user)))
                .body("entries[0].details", containsString("\"analytics\":true"))
                .extract().path("entries[0].seq");

        assertThatThrownBy(() -> sql("DELETE FROM audit_log WHERE seq = " + seq))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        try {
            // Someone with the owner's rights switches the guard off and rewrites history.
            sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; "
                    + "UPDATE audit_log SET details = replace(details, '\"analytics\":true', '\"analytics\":false') "
                    + "WHERE seq = " + seq);
            given().auth().oauth2(admin()).get("/v1/audit/verify")
                    .then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("brokenAt", equalTo(seq))
                    .body("problem", containsString("does not match its hash"));
        } finally {
            sql("UPDATE audit_log SET details = replace(details, '\"analytics\":false', '\"analytics\":true') "
                    + "WHERE seq = " + seq + "; ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
        }
        given().auth().oauth2(admin()).get("/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
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

    private static String admin() {
        return TestIssuer.shared().token("auditor", "admin");
    }

    private static void sql(String statements) throws SQLException {
        try (Connection c = PostgresServer.obtain().connect(PostgresResource.databaseName("privacy"))) {
            c.createStatement().execute(statements);
        }
    }

    private static void contribute(String requestId, String user, String service, Map<String, Object> data) {
        KAFKA.send(EventEnvelope.forUser(user, requestId + "/" + service + "/" + UUID.randomUUID(),
                "/marquee/" + service, Instant.now(),
                new ExportContributed(requestId, user, service, data, Instant.now())));
    }

    private static void confirm(String requestId, String user, String service, Map<String, Long> erased) {
        KAFKA.send(EventEnvelope.forUser(user, requestId + "/" + service + "/" + UUID.randomUUID(),
                "/marquee/" + service, Instant.now(),
                new ErasureCompleted(requestId, user, service, erased, Instant.now())));
    }
}
