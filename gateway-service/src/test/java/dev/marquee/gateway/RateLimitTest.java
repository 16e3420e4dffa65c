package dev.marquee.gateway;

import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.ExportContributed;
import dev.marquee.events.ExportRequested;
import dev.marquee.events.PrivacyRequest;
import dev.marquee.events.Topic;
import dev.marquee.infra.KafkaTestClient;
import dev.marquee.infra.TestIssuer;
import dev.marquee.infra.quarkus.KafkaResource;
import dev.marquee.infra.quarkus.OidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Rate limits over HTTP, and the gateway's part in the privacy sagas over the real broker: what it keeps about a
 * user (their rate-limit bucket) is exported and erased on request.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
@WithTestResource(DownstreamStubs.class)
class RateLimitTest {
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedBroker();
    private static final String GATEWAY = "gateway-service";

    /** Three requests per user at once, then one every ten seconds. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marquee.gateway.rate-limits.per-user-per-minute", "6",
                    "marquee.gateway.rate-limits.per-user-burst", "3");
        }
    }

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    private static int trending(String token) {
        return given().auth().oauth2(token).get("/api/v1/trending").then().extract().statusCode();
    }

    @Test
    void aUserOverTheLimitGets429WithRetryAfterAndOthersAreNotAffected() {
        String ann = TestIssuer.shared().token("limited-" + UUID.randomUUID(), "user");
        for (int i = 0; i < 3; i++) {
            assertThat(trending(ann)).isNotEqualTo(429);
        }
        given().auth().oauth2(ann).get("/api/v1/trending").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", not(equalTo("0")))
                .body("type", equalTo("https://marquee.dev/problems/too-many-requests"))
                .body("detail", containsString("6 requests a minute"));
        assertThat(trending(TestIssuer.shared().token("unlimited-" + UUID.randomUUID(), "user")))
                .isNotEqualTo(429);
        given().get("/q/metrics").then().body(containsString("marquee_gateway_rate_limited_total{scope=\"user\""));
    }

    @Test
    void theGatewayExportsAndErasesWhatItKeepsAboutAUser() {
        String user = "leaving-" + UUID.randomUUID();
        String token = TestIssuer.shared().token(user, "user");
        for (int i = 0; i < 4; i++) {
            trending(token);
        }
        assertThat(trending(token)).isEqualTo(429);

        String exportId = UUID.randomUUID().toString();
        ExportContributed contribution = EventCodec.instance().decode(answer(Topic.PRIVACY_EXPORT_CONTRIBUTIONS,
                attempt -> EventEnvelope.forUser(user, exportId + "/" + attempt, "/marquee/privacy-service",
                        Instant.now(), new ExportRequested(exportId, user, List.of(GATEWAY), attempt,
                                Instant.now(), null))).value(), ExportContributed.class);
        assertThat(contribution.service()).isEqualTo("gateway-service");
        assertThat(contribution.data().get("rateLimitBucket").toString()).contains("requestsLeft=0", "burst=3");

        String erasureId = UUID.randomUUID().toString();
        ErasureCompleted completed = EventCodec.instance().decode(answer(Topic.PRIVACY_ERASURE_COMPLETIONS,
                attempt -> EventEnvelope.forUser(user, erasureId + "/" + attempt, "/marquee/privacy-service",
                        Instant.now(), new ErasureRequested(erasureId, user, List.of(GATEWAY), attempt,
                                Instant.now(), null))).value(), ErasureCompleted.class);
        assertThat(completed.erased()).containsEntry("rateLimitBuckets", 1L);
        // Nothing of the user is left: the next request starts a fresh bucket.
        assertThat(trending(token)).isNotEqualTo(429);

        // A re-send that names only other services is not the gateway's to answer.
        String other = UUID.randomUUID().toString();
        KAFKA.send(EventEnvelope.forUser(user, other + "/2", "/marquee/privacy-service", Instant.now(),
                new ErasureRequested(other, user, List.of(GATEWAY), 2, Instant.now(),
                        List.of("dialogue-service"))));
        // The gateway reads a user's requests in order: once it answered a later one, it has read that one.
        String later = UUID.randomUUID().toString();
        answer(Topic.PRIVACY_ERASURE_COMPLETIONS, attempt -> EventEnvelope.forUser(user, later + "/" + attempt,
                "/marquee/privacy-service", Instant.now(), new ErasureRequested(later, user, List.of(GATEWAY),
                        attempt, Instant.now(), null)));
        assertThat(KAFKA.readAll(Topic.PRIVACY_ERASURE_COMPLETIONS.topicName()))
                .noneMatch(r -> r.value().contains(other));
    }

    /**
     * Publishes the request until the gateway answers it (its consumers start at the end of the topic, so the first
     * publications may come before they are assigned, as privacy-service's re-sends would).
     */
    private static ConsumerRecord<String, String> answer(Topic answers, IntFunction<EventEnvelope> request) {
        for (int attempt = 1; attempt <= 15; attempt++) {
            EventEnvelope sent = request.apply(attempt);
            KAFKA.send(sent);
            String answerId = ((PrivacyRequest) sent.data()).answerId(GATEWAY);
            try {
                return KAFKA.await(answers.topicName(), r -> answerId.equals(KafkaTestClient.header(r, "ce_id")), 1,
                        Duration.ofSeconds(2)).getFirst();
            } catch (AssertionError notYet) {
                // not assigned yet; send again
            }
        }
        throw new AssertionError("gateway-service did not answer on " + answers.topicName());
    }
}
