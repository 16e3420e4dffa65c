package dev.marquee.analytics;

import dev.marquee.events.ConversionWindow;
import dev.marquee.events.EngagementWindow;
import dev.marquee.events.EventCodec;
import dev.marquee.events.InteractionType;
import dev.marquee.events.ModelUsageWindow;
import dev.marquee.events.RecommendationServed;
import dev.marquee.events.SatisfactionWindow;
import dev.marquee.events.Topic;
import dev.marquee.events.TurnCompleted;
import dev.marquee.events.TurnFeedback;
import dev.marquee.infra.KafkaTestClient;
import dev.marquee.infra.ProjectRoot;
import dev.marquee.infra.TestIssuer;
import dev.marquee.infra.quarkus.KafkaResource;
import dev.marquee.infra.quarkus.OidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A known event history on the real broker, through the running service: every aggregate it publishes on the
 * analyst topics, and the same over REST. The test profile sets k ({@code min-users}) to 2.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class AggregatesServiceTest {
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedBroker();
    private static final Duration WAIT = EventHistory.WAIT;
    private static final Instant NINE = Instant.parse("2026-04-01T09:00:00Z");
    private static final String BRAND = "it-brand";
    private static final String HOST = EventHistory.HOST;
    private static final String OFFLINE = EventHistory.OFFLINE;
    private static final EventHistory HISTORY = new EventHistory(KAFKA, BRAND);

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void aKnownHistoryGivesEveryAggregateOnTheTopicsAndOverRest() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ann = "ann-" + run;
        String bob = "bob-" + run;
        String cid = "cid-" + run;
        String dan = "dan-" + run;
        for (String user : List.of(ann, bob, cid)) {
            HISTORY.consent(user, true);
        }
        HISTORY.consent(dan, false);
        HISTORY.awaitConsentApplied(run, List.of(ann, bob, cid));

        TurnCompleted annFirst = HISTORY.turn(ann, "c-ann", NINE.plusSeconds(60), false, false, 120, null, null);
        TurnCompleted bobs = HISTORY.turn(bob, "c-bob", NINE.plusSeconds(900), false, true, 2000, null, null);
        HISTORY.send(annFirst);
        HISTORY.send(HISTORY.turn(ann, "c-ann", NINE.plusSeconds(660), true, false, 80, null, null));
        HISTORY.send(bobs);
        HISTORY.send(HISTORY.turn(cid, "c-cid", NINE.plusSeconds(1200), false, false, 40, null, null));
        HISTORY.send(HISTORY.turn(dan, "c-dan", NINE.plusSeconds(1500), false, false, 60, null, null));
        HISTORY.send(HISTORY.served(ann, "r-ann-" + run, "control", NINE.plusSeconds(100)));
        HISTORY.send(HISTORY.served(bob, "r-bob-" + run, "control", NINE.plusSeconds(200)));
        String dims = BRAND + "|web|" + HOST;
        // Feedback names a turn and an interaction a list: they follow what they refer to, as in real use (events
        // of different topics are not ordered with each other).
        awaitLatest(Topic.ANALYTICS_ENGAGEMENT, EngagementWindow.class, "hour|" + dims + "|" + NINE,
                e -> e.turns() == 5);
        awaitLatest(Topic.ANALYTICS_CONVERSION, ConversionWindow.class,
                "hour|" + BRAND + "|chat|hybrid|control|" + NINE, c -> c.served() == 2);
        HISTORY.send(HISTORY.feedback(annFirst, TurnFeedback.Rating.UP, NINE.plusSeconds(700)));
        HISTORY.send(HISTORY.feedback(bobs, TurnFeedback.Rating.DOWN, NINE.plusSeconds(950)));
        HISTORY.send(HISTORY.interaction(ann, "r-ann-" + run, InteractionType.CLICK, NINE.plusSeconds(160)));
        HISTORY.send(HISTORY.interaction(ann, "r-ann-" + run, InteractionType.PLAY, NINE.plusSeconds(400)));
        HISTORY.send(HISTORY.interaction(bob, "r-bob-" + run, InteractionType.IMPRESSION, NINE.plusSeconds(260)));

        EngagementWindow engagement = awaitLatest(Topic.ANALYTICS_ENGAGEMENT, EngagementWindow.class,
                "hour|" + dims + "|" + NINE, e -> e.turns() == 5);
        assertThat(engagement.activeUsers()).isEqualTo(3);
        // The probe turns of January made all three returning users.
        assertThat(engagement.returningUsers()).isEqualTo(3);
        assertThat(engagement.conversations()).isEqualTo(4);
        assertThat(engagement.turnsPerConversation()).isEqualTo(1.25);
        assertThat(engagement.meanSessionSeconds()).isEqualTo(150.0);

        SatisfactionWindow satisfaction = awaitLatest(Topic.ANALYTICS_SATISFACTION, SatisfactionWindow.class,
                "hour|" + dims + "|" + NINE, s -> s.turns() == 5 && s.thumbsUp() + s.thumbsDown() == 2);
        assertThat(satisfaction.users()).isEqualTo(3);
        assertThat(satisfaction.handoffs()).isEqualTo(1);
        assertThat(satisfaction.fallbacks()).isEqualTo(1);
        assertThat(satisfaction.thumbsUpRatio()).isEqualTo(0.5);

        ConversionWindow conversion = awaitLatest(Topic.ANALYTICS_CONVERSION, ConversionWindow.class,
                "hour|" + BRAND + "|chat|hybrid|control|" + NINE, c -> c.plays() == 1 && c.impressions() == 1);
        assertThat(conversion.served()).isEqualTo(2);
        assertThat(conversion.users()).isEqualTo(2);
        assertThat(conversion.clicks()).isEqualTo(1);
        assertThat(conversion.clickRate()).isEqualTo(0.5);
        assertThat(conversion.playRate()).isEqualTo(0.5);

        ModelUsageWindow usage = awaitLatest(Topic.ANALYTICS_MODEL_USAGE, ModelUsageWindow.class,
                "day|" + OFFLINE + "|" + HOST + "|" + NINE.minusSeconds(9 * 3600), m -> m.turns() >= 5);
        assertThat(usage.latencyP99Ms()).isGreaterThanOrEqualTo(2000.0);

        // The same over REST; analysts see only aggregates over at least k = 2 users, admins see all.
        given().auth().oauth2(TestIssuer.shared().token("ana", "analyst"))
                .queryParam("granularity", "hour").queryParam("from", NINE.toString()).queryParam("to", NINE.toString())
                .get("/v1/aggregates/engagement")
                .then().statusCode(200)
                .body("kAnonymousOnly", equalTo(true))
                .body("aggregates.findAll { it.brand == '" + BRAND + "' }", hasSize(1))
                .body("aggregates.find { it.brand == '" + BRAND + "' }.activeUsers", equalTo(3))
                .body("aggregates.find { it.brand == '" + BRAND + "' }.turns", equalTo(5));
    }

    @Test
    void anAggregateOverFewerThanKUsersStaysOffTheAnalystTopicAndIsShownOnlyToAdmins() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lone = "lone-" + run;
        String brand = "solo-" + run;
        // Consent is per brand: the user consents in the brand of this test.
        EventHistory solo = new EventHistory(KAFKA, brand);
        solo.consent(lone, true);
        solo.awaitConsentApplied(run, List.of(lone));
        Instant at = NINE.plus(Duration.ofDays(1));
        HISTORY.send(new TurnCompleted(UUID.randomUUID().toString(), "c-lone", lone, brand, HOST, "web",
                "greeting", OFFLINE, List.of(), List.of(), false, false, 30, null, null, at));

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestIssuer.shared().token("boss", "admin"))
                .queryParam("granularity", "day").queryParam("from", at.minusSeconds(9 * 3600).toString())
                .queryParam("to", at.toString())
                .get("/v1/aggregates/engagement")
                .then().statusCode(200)
                .body("kAnonymousOnly", equalTo(false))
                .body("aggregates.find { it.brand == '" + brand + "' }.activeUsers", equalTo(1)));
        given().auth().oauth2(TestIssuer.shared().token("ana", "analyst"))
                .queryParam("granularity", "day").queryParam("from", at.minusSeconds(9 * 3600).toString())
                .queryParam("to", at.toString())
                .get("/v1/aggregates/engagement")
                .then().statusCode(200)
                .body("aggregates.findAll { it.brand == '" + brand + "' }", hasSize(0));
        assertThat(KAFKA.readAll(Topic.ANALYTICS_ENGAGEMENT.topicName()))
                .noneMatch(r -> r.key().contains("|" + brand + "|"));
    }

    @Test
    void theCurrentHoursKpisArePrometheusGaugesChartedByTheGrafanaDashboard() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String brand = "kpi-" + run;
        List<String> users = List.of("kpa-" + run, "kpb-" + run);
        EventHistory kpis = new EventHistory(KAFKA, brand);
        users.forEach(user -> kpis.consent(user, true));
        kpis.awaitConsentApplied(run, users);
        // The gauges show the current hour: keep clear of its end.
        Instant nextHour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        if (Duration.between(Instant.now(), nextHour).toSeconds() < 90) {
            await().atMost(Duration.ofMinutes(2)).until(() -> Instant.now().isAfter(nextHour));
        }
        Instant now = Instant.now();
        for (String user : users) {
            HISTORY.send(new TurnCompleted(UUID.randomUUID().toString(), "c-" + user, user, brand, HOST, "web",
                    "greeting", OFFLINE, List.of(), List.of(), true, false, 30, null, null, now));
            HISTORY.send(new RecommendationServed("r-" + user, user, brand, "hybrid", "control", "chat",
                    List.of(new RecommendationServed.Item("mv-0001", 1, 1.0, "Popular right now")), now));
        }
        String tags = "{brand=\"" + brand + "\",channel=\"web\",persona=\"" + HOST + "\"}";
        String model = "{model=\"" + OFFLINE + "\",persona=\"" + HOST + "\"";
        // Every metric the Grafana dashboard in deploy/ charts is one this service exports.
        String dashboard = Files.readString(ProjectRoot.find().resolve("deploy/helm/marquee/files/dashboards/marquee-kpis.json"));
        List<String> charted = Pattern.compile("marquee_[a-z0-9_]+").matcher(dashboard).results()
                .map(MatchResult::group).distinct().toList();
        assertThat(charted).hasSizeGreaterThanOrEqualTo(9);
        // The families are aggregated by separate tasks, so each gauge is awaited, not only the first.
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("marquee_analytics_turns" + tags + " 2.0")
                    .contains("marquee_analytics_active_users" + tags + " 2.0")
                    .contains("marquee_analytics_handoff_rate" + tags + " 1.0")
                    .contains("marquee_analytics_conversion_rate{brand=\"" + brand + "\"")
                    .contains("marquee_analytics_reply_latency_p99_ms" + model)
                    .contains("marquee_analytics_estimated_cost{currency=\"USD\"," + model.substring(1));
            for (String name : charted) {
                assertThat(metrics).as("exported metric charted by the dashboard")
                        .containsPattern("(?m)^" + name + "[{ ]");
            }
        });
    }

    @Test
    void unknownFamiliesAndGranularitiesGetProblemDetails() {
        String analyst = TestIssuer.shared().token("ana", "analyst");
        given().auth().oauth2(analyst).get("/v1/aggregates/revenue")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(analyst).queryParam("granularity", "week").get("/v1/aggregates/engagement")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestIssuer.shared().token("viewer", "user")).get("/v1/aggregates/engagement")
                .then().statusCode(403);
    }

    private static <T> T awaitLatest(Topic topic, Class<T> type, String key, java.util.function.Predicate<T> done) {
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            T latest = latest(topic, type).get(key);
            return latest != null && done.test(latest);
        });
        return latest(topic, type).get(key);
    }

    private static <T> Map<String, T> latest(Topic topic, Class<T> type) {
        Map<String, T> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : KAFKA.readAll(topic.topicName())) {
            latest.put(r.key(), EventCodec.instance().decode(r.value(), type));
        }
        return latest;
    }
}
