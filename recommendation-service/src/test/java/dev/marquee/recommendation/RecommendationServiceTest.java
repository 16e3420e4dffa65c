package dev.marquee.recommendation;

import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.infra.ConsentFixture;
import dev.marquee.recommendation.service.CatalogEntry;
import dev.marquee.recommendation.service.CatalogImporter;
import dev.marquee.recommendation.service.RecommendationRetention;
import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.EventType;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.events.PreferenceStated;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "recommendation"))
class RecommendationServiceTest {
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedBroker();

    @jakarta.inject.Inject
    CatalogImporter importer;
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
                .body("items.kind", not(hasItem("episode")))
                .body("items.titleId", not(hasItem("ep-0001")));
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
                given().auth().oauth2(token("trend-watcher")).queryParam("k", 3).queryParam("kind", "game")
                        .get("/v1/trending")
                        .then().statusCode(200)
                        .body("items[0].titleId", equalTo(title))
                        .body("items[0].reason", equalTo("Trending in Racing this week"))
                        .body("items[0].explanation.scorer", equalTo("trending")));
    }

    @Test
    void aRedeliveredInteractionCountsOnce() {
        EventEnvelope play = interaction("repeat-user", "mv-0019", InteractionType.COMPLETE);
        KAFKA.send(play);
        KAFKA.send(play);
        KAFKA.send(interaction("repeat-user", "mv-0019", InteractionType.LIKE));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM interaction WHERE user_id = 'repeat-user'")).isEqualTo(2));
        // complete (5) + like (4), once each: the redelivery taught the model nothing.
        assertThat(trendingScore("mv-0019")).isCloseTo(9.0, within(0.01));
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
                .body("variant", oneOf("hybrid", "holdout"))
                .body("personalized", equalTo(false))
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
        assertThat(served.variant()).isIn("hybrid", "holdout");
        assertThat(served.items()).allSatisfy(item -> assertThat(item.reason()).isNotBlank());
    }

    @Test
    void listsServedAtTheSameTimeAreEachStoredAndAnnouncedOnce() throws Exception {
        // New lists are written by group commit: requests arriving together share one transaction.
        List<String> users = List.of("group-a", "group-b", "group-c", "group-d");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                String user = users.get(i % users.size());
                answers.add(clients.submit(() -> given().auth().oauth2(token(user)).queryParam("k", 4)
                        .get("/v1/trending")
                        .then().statusCode(200).extract().<String>path("recommendationId")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(24);

            List<ConsumerRecord<String, String>> announced = KAFKA.await(Topic.RECOMMENDATIONS_SERVED.topicName(),
                    r -> ids.contains(KafkaTestClient.header(r, "ce_id")), 24, WAIT);
            assertThat(announced).extracting(r -> KafkaTestClient.header(r, "ce_id"))
                    .containsExactlyInAnyOrderElementsOf(ids);
            for (ConsumerRecord<String, String> record : announced) {
                RecommendationServed served = EventCodec.instance().decode(record.value(),
                        RecommendationServed.class);
                assertThat(record.key()).isEqualTo(served.userId()).isIn(users);
            }
            // Each list is stored for its own user: the next page works for them and for no one else.
            String one = announced.getFirst().value();
            RecommendationServed first = EventCodec.instance().decode(one, RecommendationServed.class);
            String other = users.stream().filter(u -> !u.equals(first.userId())).findFirst().orElseThrow();
            given().auth().oauth2(token(first.userId())).queryParam("recommendationId", first.recommendationId())
                    .queryParam("k", 4).get("/v1/trending").then().statusCode(200)
                    .body("page", equalTo(1));
            given().auth().oauth2(token(other)).queryParam("recommendationId", first.recommendationId())
                    .get("/v1/trending").then().statusCode(404);
            // The outbox is a queue table; the relay vacuums it as it goes (every 10 events in tests).
            await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").then().statusCode(200)
                    .extract().asString()).containsPattern("marquee_outbox_vacuums_total(\\{[^}]*\\})? [1-9]"));
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void erasureRemovesTheUsersInteractionsAndWhatWasDerivedFromThem() {
        KAFKA.send(interaction("erase-me", "lv-0003", InteractionType.PURCHASE));
        KAFKA.send(interaction("erase-me", "lv-0003", InteractionType.PLAY));
        KAFKA.send(interaction("keep-me", "lv-0003", InteractionType.PLAY));
        await().atMost(WAIT).untilAsserted(() -> assertThat(trendingScore("lv-0003")).isCloseTo(12.0, within(0.01)));

        String requestId = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= 2; attempt++) {
            KAFKA.send(EventEnvelope.forUser("erase-me", requestId + "/" + attempt, "/marquee/privacy-service",
                    Instant.now(), new ErasureRequested(requestId, "erase-me", List.of("recommendation-service"),
                            attempt, Instant.now(), null)));
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
        assertThat(trendingScore("lv-0003")).as("the erased user's purchase and play left trending")
                .isCloseTo(3.0, within(0.01));

        // An interaction published before the erasure that arrives after it (it was in flight) does not bring the
        // user back; one published after the erasure is new activity.
        KAFKA.send(interaction("erase-me", "lv-0003", InteractionType.PURCHASE, Instant.now().minusSeconds(60)),
                Instant.now().minusSeconds(60));
        KAFKA.send(interaction("erase-me", "lv-0004", InteractionType.PLAY, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM interaction WHERE user_id = 'erase-me' AND title_id = 'lv-0004'")).isEqualTo(1));
        assertThat(count("SELECT count(*) FROM interaction WHERE user_id = 'erase-me' AND title_id = 'lv-0003'"))
                .isZero();
        assertThat(trendingScore("lv-0003")).isCloseTo(3.0, within(0.01));
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

    private static void consent(String user, boolean personalization, long version) {
        ConsentFixture.publish(KAFKA, PostgresResource.databaseName("recommendation"), user,
                Map.of(ConsentPurpose.PERSONALIZATION, personalization), version);
    }

    @Test
    void consentingUsersGetPersonalRecommendationsThatSayWhy() {
        // Five consenting fans played the same two sci-fi titles; the newcomer played one of them.
        for (int i = 0; i < 5; i++) {
            consent("orbit-fan-" + i, true, 1);
            KAFKA.send(interaction("orbit-fan-" + i, "mv-0002", InteractionType.PLAY));
            KAFKA.send(interaction("orbit-fan-" + i, "mv-0008", InteractionType.COMPLETE));
        }
        consent("orbit-newcomer", true, 1);
        KAFKA.send(interaction("orbit-newcomer", "mv-0002", InteractionType.COMPLETE));
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM interaction WHERE user_id LIKE 'orbit-%'")).isEqualTo(11));

        var list = given().auth().oauth2(token("orbit-newcomer")).queryParam("k", 5)
                .queryParam("strategy", "hybrid").get("/v1/recommendations")
                .then().statusCode(200)
                .body("strategy", equalTo("hybrid"))
                .body("variant", equalTo("explicit"))
                .body("personalized", equalTo(true))
                .body("items.titleId", not(hasItem("mv-0002")))
                .body("items[0].titleId", equalTo("mv-0008"))
                .body("items[0].reason", equalTo("Because you watched Orbit of Small Things"))
                .body("items[0].explanation.scorer", equalTo("collaborative"))
                .body("items[0].explanation.becauseOf", equalTo("mv-0002"))
                .extract();
        RecommendationServed served = EventCodec.instance().decode(KAFKA.await(
                Topic.RECOMMENDATIONS_SERVED.topicName(),
                r -> list.path("recommendationId").equals(KafkaTestClient.header(r, "ce_id")), 1, WAIT)
                .getFirst().value(), RecommendationServed.class);
        assertThat(served.strategy()).isEqualTo("hybrid");
        assertThat(served.items().getFirst().reason()).isEqualTo("Because you watched Orbit of Small Things");

        // Without consent the same history is not used, and withdrawing consent takes it back.
        KAFKA.send(interaction("orbit-stranger", "mv-0002", InteractionType.COMPLETE));
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM interaction WHERE user_id = 'orbit-stranger'")).isOne());
        given().auth().oauth2(token("orbit-stranger")).queryParam("strategy", "hybrid").get("/v1/recommendations")
                .then().statusCode(200)
                .body("personalized", equalTo(false))
                .body("strategy", equalTo("trending"));
        consent("orbit-newcomer", false, 2);
        given().auth().oauth2(token("orbit-newcomer")).queryParam("strategy", "hybrid").get("/v1/recommendations")
                .then().statusCode(200)
                .body("personalized", equalTo(false))
                .body("items.explanation.scorer", everyItem(equalTo("trending")));

        // Consent is per brand: given in the kids brand only, it personalizes the kids brand's lists only, and with
        // what the user did there only (their history in the main brand stays out).
        ConsentFixture.publishInBrands(KAFKA, PostgresResource.databaseName("recommendation"), "orbit-newcomer",
                Map.of("marquee", Map.of(), "kids", Map.of(ConsentPurpose.PERSONALIZATION, true)), 3);
        given().auth().oauth2(token("orbit-newcomer")).queryParam("strategy", "hybrid").get("/v1/recommendations")
                .then().statusCode(200)
                .body("personalized", equalTo(false));
        String kids = TestIssuer.shared().tokenFor("orbit-newcomer").roles("user")
                .claims(Map.of("brand", "kids")).sign();
        given().auth().oauth2(kids).queryParam("k", 5).queryParam("strategy", "hybrid").get("/v1/recommendations")
                .then().statusCode(200)
                .body("personalized", equalTo(false));
        String id = UUID.randomUUID().toString();
        KAFKA.send(EventEnvelope.forUser("orbit-newcomer", id, "/marquee/gateway-service", Instant.now(),
                new Interaction(id, "orbit-newcomer", "mv-0002", InteractionType.COMPLETE, null, null, "home", "kids",
                        "web", Instant.now())));
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM interaction WHERE user_id = 'orbit-newcomer' AND brand = 'kids'")).isOne());
        given().auth().oauth2(kids).queryParam("k", 5).queryParam("strategy", "hybrid").get("/v1/recommendations")
                .then().statusCode(200)
                .body("personalized", equalTo(true))
                .body("items[0].titleId", equalTo("mv-0008"));
    }

    @Test
    void tastesStatedInConversationGiveANewUserAPersonalStart() {
        consent("space-talker", true, 1);
        KAFKA.send(preference("space-talker", PreferenceStated.Sentiment.LIKE, List.of("space opera")));
        KAFKA.send(preference("space-talker", PreferenceStated.Sentiment.DISLIKE, List.of("horror")));
        KAFKA.send(preference("silent-talker", PreferenceStated.Sentiment.LIKE, List.of("space opera")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM stated_preference WHERE user_id = 'space-talker'")).isEqualTo(2));

        given().auth().oauth2(token("space-talker")).queryParam("k", 5).queryParam("strategy", "hybrid")
                .get("/v1/recommendations")
                .then().statusCode(200)
                .body("personalized", equalTo(true))
                .body("items[0].genres", hasItem("space opera"))
                .body("items[0].reason", equalTo("Matches 'space opera'"))
                .body("items.genres", everyItem(not(hasItem("horror"))));
        assertThat(count("SELECT count(*) FROM stated_preference WHERE user_id = 'silent-talker'"))
                .as("no consent, nothing kept").isZero();
    }

    private static EventEnvelope preference(String user, PreferenceStated.Sentiment sentiment, List<String> genres) {
        String id = UUID.randomUUID().toString();
        return EventEnvelope.forUser(user, id, "/marquee/dialogue-service", Instant.now(), new PreferenceStated(id,
                user, "marquee", UUID.randomUUID().toString(), UUID.randomUUID().toString(), sentiment, genres,
                List.of(), List.of(), Instant.now()));
    }

    @Test
    void laterPagesOfAListNeverRepeatATitleAndBelongToTheirUser() {
        var first = given().auth().oauth2(token("pager")).queryParam("k", 4).queryParam("kind", "movie")
                .get("/v1/recommendations").then().statusCode(200).body("page", equalTo(0)).extract();
        String id = first.path("recommendationId");
        List<String> seen = new java.util.ArrayList<>(first.<List<String>>path("items.titleId"));
        for (int page = 1; page <= 3; page++) {
            var next = given().auth().oauth2(token("pager")).queryParam("k", 4).queryParam("recommendationId", id)
                    .get("/v1/recommendations").then().statusCode(200)
                    .body("recommendationId", equalTo(id))
                    .body("page", equalTo(page))
                    .body("items.kind", everyItem(equalTo("movie")))
                    .extract();
            List<String> ids = next.path("items.titleId");
            assertThat(ids).hasSize(4).doesNotContainAnyElementsOf(seen);
            seen.addAll(ids);
        }
        KAFKA.await(Topic.RECOMMENDATIONS_SERVED.topicName(),
                r -> (id + ":3").equals(KafkaTestClient.header(r, "ce_id")), 1, WAIT);
        given().auth().oauth2(token("not-the-pager")).queryParam("recommendationId", id).get("/v1/recommendations")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void similarTitlesShareContentAndSayWhy() {
        given().auth().oauth2(token("browser")).queryParam("k", 5).get("/v1/titles/mv-0002/similar")
                .then().statusCode(200)
                .body("recommendationId", notNullValue())
                .body("strategy", equalTo("similar"))
                .body("items.titleId", not(hasItem("mv-0002")))
                .body("items", hasSize(5))
                .body("items[0].genres", hasItem(oneOf("sci-fi", "space opera")))
                .body("items[0].reason", containsString("Orbit of Small Things"));
        given().auth().oauth2(token("browser")).get("/v1/titles/mv-9999/similar")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theTokensMaturityRatingCapsEveryList() {
        String teen = TestIssuer.shared().tokenFor("teen").roles("user").claims(Map.of("maturity_rating", 12))
                .sign();
        given().auth().oauth2(teen).queryParam("k", 50).get("/v1/trending")
                .then().statusCode(200)
                .body("items.ageRating", everyItem(lessThanOrEqualTo(12)));
        given().auth().oauth2(teen).queryParam("k", 50).queryParam("maxAgeRating", 18).get("/v1/recommendations")
                .then().statusCode(200)
                .body("items.ageRating", everyItem(lessThanOrEqualTo(12)));
    }

    @Test
    void adminsImportCatalogFilesAllOrNothing() {
        String admin = TestIssuer.shared().token("catalog-admin", "admin");
        String badLines = """
                {"id": "mv-x001", "kind": "movie", "name": "Import Test One", "synopsis": "A test.", "genres": ["drama"], "year": 2020, "ageRating": 0, "regions": ["US"], "availableFrom": "2020-01-01T00:00:00Z"}
                {"id": "mv-x002", "kind": "movie", "name": "", "synopsis": "A test.", "genres": ["drama"], "year": 2020, "ageRating": 5, "regions": ["US"], "availableFrom": "2020-01-01T00:00:00Z"}
                not json
                """;
        given().auth().oauth2(admin).contentType("application/jsonl")
                .body(badLines.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/admin/titles/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.message", hasItem(containsString("line 2 is invalid")))
                .body("errors.message", hasItem(containsString("ageRating must be one of")))
                .body("errors.message", hasItem(containsString("line 3 is not a catalog entry")));
        assertThat(count("SELECT count(*) FROM title WHERE id LIKE 'mv-x%'")).isZero();

        String csv = """
                id,kind,name,synopsis,genres,tags,cast,year,runtimeMinutes,ageRating,regions,availableFrom,availableUntil
                mv-x101,movie,"Harbour Lights, Again","A ferry captain, a storm and a promise.",drama|romance,slow-burn,Ada Lumen,2024,101,12,US|GB,2024-02-01T00:00:00Z,
                gm-x102,game,Clockwork Garden,Grow machines that grow flowers.,puzzle,cozy,,2025,,0,US,2025-03-01T00:00:00Z,
                """;
        given().auth().oauth2(admin).contentType("text/csv").body(csv).post("/v1/admin/titles/import")
                .then().statusCode(200).body("upserted", equalTo(2));
        given().auth().oauth2(token("cat-reader")).get("/v1/titles/mv-x101")
                .then().statusCode(200)
                .body("name", equalTo("Harbour Lights, Again"))
                .body("genres", equalTo(List.of("drama", "romance")))
                .body("regions", equalTo(List.of("US", "GB")));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("cat-reader")).queryParam("k", 100)
                .queryParam("genre", "puzzle").get("/v1/trending")
                .then().statusCode(200).body("items.titleId", hasItem("gm-x102")));

        KAFKA.send(interaction("garden-fan", "gm-x102", InteractionType.PLAY));
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                count("SELECT count(*) FROM interaction WHERE title_id = 'gm-x102'")).isOne());

        given().auth().oauth2(token("not-an-admin")).contentType("text/csv").body(csv)
                .post("/v1/admin/titles/import").then().statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("ids", List.of("gm-x102", "gm-x999")))
                .post("/v1/admin/titles/delete")
                .then().statusCode(200)
                .body("deleted", equalTo(List.of("gm-x102")))
                .body("missing", equalTo(List.of("gm-x999")));
        // A deleted title's interactions go with it.
        assertThat(count("SELECT count(*) FROM interaction WHERE title_id = 'gm-x102'")).isZero();
        given().auth().oauth2(admin).delete("/v1/admin/titles/mv-x101").then().statusCode(204);
        given().auth().oauth2(admin).delete("/v1/admin/titles/mv-x101").then().statusCode(404);
        given().auth().oauth2(token("cat-reader")).queryParam("k", 100).queryParam("genre", "puzzle")
                .get("/v1/trending").then().statusCode(200).body("items.titleId", not(hasItem("gm-x102")));
    }

    @Test
    void theGeneratedDemoCatalogIsValidAndOriginal() throws Exception {
        List<CatalogEntry> generated;
        try (var in = getClass().getClassLoader().getResourceAsStream("catalog/generated-catalog.jsonl")) {
            generated = importer.parseJsonLines(in);
        }
        List<CatalogEntry> curated;
        try (var in = getClass().getClassLoader().getResourceAsStream("catalog/demo-catalog.jsonl")) {
            curated = importer.parseJsonLines(in);
        }
        assertThat(generated).hasSizeGreaterThanOrEqualTo(2000);
        assertThat(generated).extracting(CatalogEntry::kind)
                .contains(TitleKind.MOVIE, TitleKind.SERIES, TitleKind.GAME, TitleKind.LIVE_EVENT);
        java.util.Set<String> curatedNames = new java.util.HashSet<>();
        curated.forEach(e -> curatedNames.add(e.name().toLowerCase(java.util.Locale.ROOT)));
        assertThat(generated).noneMatch(e -> curatedNames.contains(e.name().toLowerCase(java.util.Locale.ROOT)));
        assertThat(generated).extracting(CatalogEntry::id).doesNotHaveDuplicates()
                .noneMatch(id -> curated.stream().anyMatch(c -> c.id().equals(id)));
    }

    @jakarta.inject.Inject
    RecommendationRetention retention;

    @Test
    void retentionDeletesExpiredInteractionsAndServedListsTheModelForgetsThemAndTheAdminSeesIt() throws Exception {
        String admin = TestIssuer.shared().token("operator", "admin");
        long interactionsBefore = ((Number) retentionReport(admin, "interactions").get("deletedTotal")).longValue();
        // Five consenting veterans watched the same two titles 500 days ago; one of them played a game today.
        Instant longAgo = Instant.now().minus(Duration.ofDays(500));
        for (int i = 0; i < 5; i++) {
            consent("veteran-" + i, true, 1);
            KAFKA.send(interaction("veteran-" + i, "mv-0004", InteractionType.PLAY, longAgo));
            KAFKA.send(interaction("veteran-" + i, "mv-0012", InteractionType.COMPLETE, longAgo));
        }
        KAFKA.send(interaction("veteran-0", "gm-0002", InteractionType.PLAY, Instant.now()));
        consent("veteran-newcomer", true, 1);
        KAFKA.send(interaction("veteran-newcomer", "mv-0004", InteractionType.COMPLETE, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM interaction WHERE user_id LIKE 'veteran-%'")).isEqualTo(12));
        // Until retention runs, the model recommends from those old interactions.
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("veteran-newcomer"))
                .queryParam("strategy", "collaborative").get("/v1/recommendations").then().statusCode(200)
                .body("items[0].titleId", equalTo("mv-0012"))
                .body("items[0].explanation.scorer", equalTo("collaborative"))
                .body("items[0].explanation.becauseOf", equalTo("mv-0004")));
        UUID oldList = UUID.randomUUID();
        UUID olderList = UUID.randomUUID();
        try (var c = PostgresServer.obtain().connect(PostgresResource.databaseName("recommendation"))) {
            for (UUID id : List.of(oldList, olderList)) {
                c.createStatement().executeUpdate("INSERT INTO served_list (recommendation_id, user_id, strategy, "
                        + "variant, request, title_ids, pages, created_at) VALUES ('" + id + "', 'veteran-0', "
                        + "'trending', 'hybrid', '{}', '{mv-0001}', 1, now() - interval '3 days')");
            }
        }
        String freshList = given().auth().oauth2(token("veteran-0")).get("/v1/trending").then().statusCode(200)
                .extract().path("recommendationId");

        retention.enforce();

        assertThat(count("SELECT count(*) FROM interaction WHERE user_id LIKE 'veteran-%'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM interaction WHERE occurred_at < now() - interval '400 days'"))
                .isZero();
        given().auth().oauth2(token("veteran-0")).get("/v1/activity").then().statusCode(200)
                .body("titleId", equalTo(List.of("gm-0002")));
        given().auth().oauth2(token("veteran-newcomer")).queryParam("strategy", "collaborative")
                .get("/v1/recommendations").then().statusCode(200)
                .body("personalized", equalTo(true))
                .body("items.explanation.scorer", not(hasItem("collaborative")));
        assertThat(count("SELECT count(*) FROM served_list WHERE recommendation_id IN ('" + oldList + "', '"
                + olderList + "')")).isZero();
        assertThat(count("SELECT count(*) FROM served_list WHERE recommendation_id = '" + freshList + "'")).isOne();

        Map<String, Object> interactions = retentionReport(admin, "interactions");
        assertThat(interactions).containsEntry("period", "P400D").containsEntry("deletedLastRun", 10)
                .containsEntry("deletedLastRunByTable", Map.of("interaction", 10));
        assertThat(((Number) interactions.get("deletedTotal")).longValue()).isEqualTo(interactionsBefore + 10);
        assertThat(Instant.parse((String) interactions.get("lastRun"))).isAfter(Instant.now().minusSeconds(600));
        assertThat(Instant.parse((String) interactions.get("oldestKept")))
                .isAfter(Instant.now().minus(Duration.ofDays(400)));
        assertThat(retentionReport(admin, "served-lists")).as("set by the key of earlier versions")
                .containsEntry("period", "P2D").containsEntry("deletedLastRun", 2);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern(
                        "marquee_retention_deleted_total\\{table=\"interaction\",type=\"interactions\"} 10\\.0")
                .containsPattern("marquee_retention_last_success_seconds\\{type=\"interactions\"} [1-9]");

        given().auth().oauth2(token("veteran-0")).get("/v1/admin/retention").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/v1/admin/retention").then().statusCode(401).contentType("application/problem+json");
    }

    private static Map<String, Object> retentionReport(String admin, String type) {
        List<Map<String, Object>> types = given().auth().oauth2(admin).get("/v1/admin/retention").then()
                .statusCode(200).body("checkInterval", equalTo("PT1H")).extract().path("dataTypes");
        return types.stream().filter(t -> type.equals(t.get("type"))).findFirst().orElseThrow();
    }

    private static EventEnvelope interaction(String user, String title, InteractionType type, Instant occurredAt) {
        String id = UUID.randomUUID().toString();
        return EventEnvelope.forUser(user, id, "/marquee/gateway-service", Instant.now(),
                new Interaction(id, user, title, type, null, null, "home", "marquee", "web", occurredAt));
    }

    private static EventEnvelope interaction(String user, String title, InteractionType type) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return EventEnvelope.forUser(user, id, "/marquee/gateway-service", now,
                new Interaction(id, user, title, type, null, null, "home", "marquee", "web", now));
    }

    /** A title's decayed popularity as trending reports it (0 when it is not among the available titles). */
    private static double trendingScore(String titleId) {
        var page = given().auth().oauth2(token("score-reader")).queryParam("k", 100).get("/v1/trending")
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = page.getList("items.titleId");
        List<Float> scores = page.getList("items.score", Float.class);
        int i = ids.indexOf(titleId);
        return i < 0 ? 0 : scores.get(i);
    }

    private static long count(String sql) {
        return PostgresServer.obtain().queryLong(PostgresResource.databaseName("recommendation"), sql);
    }
}
