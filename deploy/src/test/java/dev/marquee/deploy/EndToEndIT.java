package dev.marquee.deploy;

import dev.marquee.deploy.bench.BurstProducer;
import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.Interaction;
import dev.marquee.events.RecommendationServed;
import dev.marquee.events.Topic;
import dev.marquee.events.TurnCompleted;
import dev.marquee.infra.HeadlessBrowser;
import dev.marquee.infra.KafkaTestClient;
import dev.marquee.infra.ProjectRoot;
import dev.marquee.infra.TestIssuer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The four paths of the foundation, driven over HTTP through the gateway against the five real services, each
 * in its own JVM, on a real Kafka broker (its own process) and the project's PostgreSQL; tokens come from a
 * real signing OIDC issuer. Asserts on the answers, the events on the topics and the rows in the databases.
 */
class EndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String WEB_BRAND = "nova";
    private static final Path SCREENSHOTS = ProjectRoot.find().resolve("deploy/target/screenshots");

    private static LocalStack stack;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startStack() {
        var root = ProjectRoot.find();
        // The default issuer is the test issuer; brand "nova" signs its users in through a real Keycloak (the web
        // chat test); "kids" shares the default issuer.
        StackConfig config = StackConfig.ephemeral(root, root.resolve("deploy/target/e2e"), TestIssuer.shared().issuer())
                .withKeycloakForBrand(WEB_BRAND);
        for (Service service : Service.values()) {
            config = config.withProperty(service, "marquee.brand.served", "kids");
        }
        stack = LocalStack.start(config);
        kafka = new KafkaTestClient(stack.config().kafkaBootstrap());
        RestAssured.baseURI = stack.config().url(Service.GATEWAY);
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        System.out.println(Launcher.startupReport(stack));
    }

    @AfterAll
    static void stopStack() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static String user(String name) {
        return name + "-" + RUN;
    }

    private static String token(String user, String... roles) {
        return TestIssuer.shared().token(user, roles.length == 0 ? new String[]{"user"} : roles);
    }

    private static ValidatableResponse say(String user, String conversationId, String message) {
        Map<String, Object> body = conversationId == null ? Map.of("message", message)
                : Map.of("message", message, "conversationId", conversationId);
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/chat/turns").then();
    }

    private static ValidatableResponse interact(String user, String titleId, String type) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("titleId", titleId, "type", type, "source", "home"))
                .post("/api/v1/interactions").then().statusCode(202);
    }

    @Test
    void aChatTurnIsAnsweredFromTheCatalogStoredAndAnnounced() {
        String alice = user("alice");
        var answer = say(alice, null, "Can you recommend something to watch?")
                .statusCode(200)
                .body("intent", equalTo("recommend"))
                .body("reply.cards", hasSize(3))
                .body("reply.cards.kind", everyItem(not(equalTo("game"))))
                .body("metadata.responder", equalTo("offline-catalog-responder"))
                .body("metadata.recommendationId", notNullValue())
                .extract();
        String turnId = answer.path("turnId");
        String recommendationId = answer.path("metadata.recommendationId");
        List<String> titleIds = answer.path("reply.cards.titleId");

        for (String titleId : titleIds) {
            given().auth().oauth2(token(alice)).get("/api/v1/titles/" + titleId).then().statusCode(200);
        }
        assertThat(count(Service.DIALOGUE, "SELECT count(*) FROM turn WHERE id = '" + turnId + "' AND user_id = '"
                + alice + "'")).isEqualTo(1);

        TurnCompleted turn = EventCodec.instance().decode(kafka.await(Topic.DIALOGUE_TURNS.topicName(),
                r -> turnId.equals(KafkaTestClient.header(r, "ce_id")), 1, WAIT).getFirst().value(),
                TurnCompleted.class);
        assertThat(turn.userId()).isEqualTo(alice);
        assertThat(turn.titleIds()).containsExactlyElementsOf(titleIds);
        RecommendationServed served = EventCodec.instance().decode(kafka.await(
                Topic.RECOMMENDATIONS_SERVED.topicName(),
                r -> recommendationId.equals(KafkaTestClient.header(r, "ce_id")), 1, WAIT).getFirst().value(),
                RecommendationServed.class);
        assertThat(served.userId()).isEqualTo(alice);
        assertThat(served.source()).isEqualTo("chat");
        assertThat(served.items()).extracting(RecommendationServed.Item::titleId).containsExactlyElementsOf(titleIds);

        say(alice, answer.path("conversationId"), "Tell me about The Long Way to Vela")
                .statusCode(200)
                .body("intent", equalTo("title_details"))
                .body("seq", equalTo(2))
                .body("reply.cards[0].titleId", equalTo("mv-0008"))
                .body("reply.text", containsString("cargo pilot"));
    }

    @Test
    void aConversationKeepsItsContextWhenDialogueRestartsBetweenTurns() {
        String frank = user("frank");
        var first = say(frank, null, "show me some comedy movies")
                .statusCode(200)
                .body("intent", equalTo("search"))
                .body("reply.cards.size()", greaterThanOrEqualTo(2))
                .extract();
        String conversation = first.path("conversationId");
        String secondCard = first.path("reply.cards[1].titleId");
        String firstCard = first.path("reply.cards[0].titleId");

        Duration restart = stack.restart(Service.DIALOGUE);
        System.out.println("dialogue-service restarted and ready in " + restart.toMillis() + " ms");

        say(frank, conversation, "tell me more about the second one")
                .statusCode(200)
                .body("seq", equalTo(2))
                .body("intent", equalTo("title_details"))
                .body("reply.cards[0].titleId", equalTo(secondCard))
                .body("reply.cards.titleId", not(hasItem(firstCard)));
        assertThat(count(Service.DIALOGUE, "SELECT jsonb_array_length(messages) FROM chat_memory WHERE "
                + "conversation_id = '" + conversation + "' AND user_id = '" + frank + "'"))
                .as("both turns, before and after the restart, in the persisted memory").isEqualTo(4);
    }

    @Test
    void interactionsReachTheRecommenderAndChangeTheRanking() {
        String viewer = user("viewer");
        List<String> ranking = given().auth().oauth2(token(viewer)).queryParam("k", 50).get("/api/v1/trending")
                .then().statusCode(200).extract().path("items.titleId");
        String underdog = ranking.getLast();
        assertThat(ranking.getFirst()).isNotEqualTo(underdog);

        for (int i = 0; i < 4; i++) {
            interact(user("fan" + i), underdog, "complete");
        }

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(viewer)).queryParam("k", 3)
                .get("/api/v1/trending").then().statusCode(200).body("items[0].titleId", equalTo(underdog)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(Service.RECOMMENDATION,
                "SELECT count(*) FROM interaction WHERE title_id = '" + underdog + "' AND user_id LIKE 'fan%-" + RUN
                        + "'")).isEqualTo(4));
        List<ConsumerRecord<String, String>> events = kafka.await(Topic.INTERACTIONS.topicName(),
                r -> r.key().startsWith("fan") && r.key().endsWith(RUN), 4, WAIT);
        assertThat(events).allSatisfy(r -> assertThat(EventCodec.instance().decode(r.value(), Interaction.class)
                .titleId()).isEqualTo(underdog));
    }

    @Test
    void analyticsCountsTurnsAndInteractionsAndPublishesThem() {
        String counter = user("counter");
        interact(counter, "gm-0003", "purchase");
        interact(counter, "gm-0007", "purchase");
        say(counter, null, "hello").statusCode(200);

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(user("anna"), "analyst"))
                .queryParam("metric", "interactions.purchase").get("/api/v1/analytics/counts")
                .then().statusCode(200)
                .body("counts.count", hasItem(2)));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Integer> turns = given().auth().oauth2(token(user("anna"), "analyst"))
                    .queryParam("metric", "turns").get("/api/v1/analytics/counts")
                    .then().statusCode(200).extract().path("counts.count");
            assertThat(turns.stream().mapToInt(Integer::intValue).sum()).isPositive();
        });
        given().auth().oauth2(token(counter)).get("/api/v1/analytics/counts").then().statusCode(403);

        kafka.await(Topic.ANALYTICS_COUNTS.topicName(),
                r -> r.key().startsWith("interactions.purchase@") && r.value().contains("\"count\":2"), 1, WAIT);
    }

    /**
     * A burst of turns and served lists of a brand of its own; analytics-service is killed (SIGKILL) while it
     * processes them, a slice of the events is delivered again while it is down, and once it is back every
     * aggregate holds exactly what was sent: exactly-once and de-duplication by event id across a crash. (The users
     * gave no analytics consent, so the aggregates stay off the analyst topics; admins read them over REST.)
     */
    @Test
    void analyticsLosesNothingAndCountsNothingTwiceWhenKilledMidBurst() throws Exception {
        String brand = "crash-" + RUN;
        Instant at = Instant.now().minus(Duration.ofMinutes(1));
        int turns = 60_000;
        int lists = 6_000;
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            String user = "crash-" + (i % 300) + "-" + RUN;
            String id = brand + "-t" + i;
            events.add(EventEnvelope.forUser(user, id, "/marquee/dialogue-service", at,
                    new TurnCompleted(id, "c-" + user, user, brand, "marquee-host@1", "web", "recommend",
                            "offline-catalog-responder", List.of(), List.of(), false, false, 40, null, null, at)));
            if (i % (turns / lists) == 0) {
                String list = brand + "-r" + i;
                events.add(EventEnvelope.forUser(user, list, "/marquee/recommendation-service", at,
                        new RecommendationServed(list, user, brand, "hybrid", "control", "chat",
                                List.of(new RecommendationServed.Item("mv-0001", 1, 1.0, "Popular right now")), at)));
            }
        }
        String admin = token(user("ops"), "admin");
        String analytics = stack.config().url(Service.ANALYTICS);
        try (KafkaProducer<String, String> producer = BurstProducer.open(stack.config().kafkaBootstrap())) {
            assertThat(sum(analytics, admin, "engagement", brand, at, "turns")).isZero();
            // Paced at about 10,000 events/s, below what the service takes, so the kill falls inside the burst and
            // the rest of it arrives while the service is down.
            CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < events.size(); i++) {
                    BurstProducer.send(producer, events.get(i));
                    if (i % 1_000 == 999) {
                        producer.flush();
                        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                    }
                }
                producer.flush();
            });
            long[] seen = new long[1];
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> (seen[0] = sum(analytics, admin, "engagement", brand, at, "turns")) >= turns / 10);
            stack.kill(Service.ANALYTICS);
            System.out.println("analytics-service killed with " + seen[0] + " of " + turns + " turns counted");
            assertThat(seen[0]).as("killed in the middle of the burst").isLessThan(turns);
            burst.get(2, TimeUnit.MINUTES);
            // Delivered again while it is down, as a producer retrying after a timeout would.
            events.subList(0, 5_000).forEach(event -> BurstProducer.send(producer, event));
            producer.flush();
        }
        Duration restart = stack.restart(Service.ANALYTICS);
        System.out.println("analytics-service restarted and ready in " + restart.toMillis() + " ms");

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(sum(analytics, admin, "engagement", brand, at, "turns")).isEqualTo(turns);
            assertThat(sum(analytics, admin, "satisfaction", brand, at, "turns")).isEqualTo(turns);
            assertThat(sum(analytics, admin, "conversion", brand, at, "served")).isEqualTo(lists);
        });
    }

    /** A figure summed over the brand's hourly aggregates around an instant, read over REST as an admin. */
    private static long sum(String analytics, String token, String family, String brand, Instant at,
                            String figure) {
        List<Number> values = given().auth().oauth2(token).baseUri(analytics)
                .queryParam("granularity", "hour")
                .queryParam("from", at.minus(Duration.ofHours(1)).toString())
                .queryParam("to", at.plus(Duration.ofHours(1)).toString())
                .get("/v1/aggregates/" + family)
                .then().statusCode(200)
                .extract().path("aggregates.findAll { it.brand == '" + brand + "' }." + figure);
        return values.stream().mapToLong(Number::longValue).sum();
    }

    @Test
    void consentAndErasureReachEveryServiceAndCompleteOnlyWhenAllConfirmed() {
        String carol = user("carol");
        String dave = user("dave");
        String conversation = say(carol, null, "hi").statusCode(200).extract().path("conversationId");
        say(carol, conversation, "show me some comedy").statusCode(200);
        interact(carol, "mv-0009", "play");
        interact(carol, "mv-0020", "like");
        say(dave, null, "hi").statusCode(200);
        interact(dave, "mv-0009", "play");
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(Service.RECOMMENDATION,
                "SELECT count(*) FROM interaction WHERE user_id IN ('" + carol + "', '" + dave + "')")).isEqualTo(3));

        given().auth().oauth2(token(carol)).contentType(ContentType.JSON)
                .body(Map.of("purposes", Map.of("personalization", true, "analytics", false)))
                .put("/api/v1/privacy/consent")
                .then().statusCode(200).body("version", equalTo(1));
        ConsentChanged consent = EventCodec.instance().decode(kafka.await(Topic.PRIVACY_CONSENT.topicName(),
                r -> carol.equals(r.key()), 1, WAIT).getFirst().value(), ConsentChanged.class);
        assertThat(consent.purposes()).containsEntry(dev.marquee.events.ConsentPurpose.PERSONALIZATION, true);

        String location = given().auth().oauth2(token(carol)).post("/api/v1/privacy/erasure-requests")
                .then().statusCode(202).body("status", equalTo("pending")).extract().header("Location");
        assertThat(location).startsWith("/api/v1/privacy/erasure-requests/");
        given().auth().oauth2(token(dave)).get(location).then().statusCode(404);

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(carol)).get(location)
                .then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("confirmations.find { it.service == 'dialogue-service' }.erased.turns", equalTo(2))
                .body("confirmations.find { it.service == 'dialogue-service' }.erased.conversations", equalTo(1))
                .body("confirmations.find { it.service == 'recommendation-service' }.erased.interactions",
                        equalTo(2)));

        assertThat(count(Service.DIALOGUE, "SELECT count(*) FROM turn WHERE user_id = '" + carol + "'")).isZero();
        assertThat(count(Service.DIALOGUE, "SELECT count(*) FROM conversation WHERE user_id = '" + carol + "'"))
                .isZero();
        assertThat(count(Service.RECOMMENDATION, "SELECT count(*) FROM interaction WHERE user_id = '" + carol + "'"))
                .isZero();
        assertThat(count(Service.DIALOGUE, "SELECT count(*) FROM turn WHERE user_id = '" + dave + "'"))
                .isEqualTo(1);
        assertThat(count(Service.RECOMMENDATION, "SELECT count(*) FROM interaction WHERE user_id = '" + dave + "'"))
                .isEqualTo(1);
        assertThat(kafka.await(Topic.PRIVACY_ERASURE_COMPLETIONS.topicName(), r -> carol.equals(r.key()), 2, WAIT))
                .extracting(r -> EventCodec.instance().decode(r.value(), ErasureCompleted.class).service())
                .contains("dialogue-service", "recommendation-service");
        given().auth().oauth2(token(carol)).get("/api/v1/conversations").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void exportAndErasureCoverEveryServiceAndLeaveNoRowOrStateOfTheUserAnywhere() {
        String leaver = user("leaver");
        String bystander = user("bystander");
        for (String u : List.of(leaver, bystander)) {
            given().auth().oauth2(token(u)).contentType(ContentType.JSON)
                    .body(Map.of("purposes", Map.of("personalization", true, "analytics", true)))
                    .put("/api/v1/privacy/consent").then().statusCode(200);
        }
        // The leaver also uses a second brand's app, and consents there on its own.
        String kidsToken = TestIssuer.shared().tokenFor(leaver).roles("user").claims(Map.of("brand", "kids")).sign();
        given().auth().oauth2(kidsToken).contentType(ContentType.JSON)
                .body(Map.of("purposes", Map.of("analytics", true))).put("/api/v1/privacy/consent")
                .then().statusCode(200).body("brand", equalTo("kids")).body("purposes.personalization", equalTo(false));
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(Service.DIALOGUE,
                "SELECT count(*) FROM consent_view WHERE user_id IN ('" + leaver + "', '" + bystander + "')"))
                .isEqualTo(3));
        assertThat(count(Service.DIALOGUE, "SELECT count(*) FROM consent_view WHERE user_id = '" + leaver
                + "' AND brand = 'kids' AND NOT personalization")).isOne();
        String conversation = say(leaver, null, "hi").statusCode(200).extract().path("conversationId");
        String turnId = say(leaver, conversation, "recommend me a comedy").statusCode(200).extract().path("turnId");
        given().auth().oauth2(token(leaver)).contentType(ContentType.JSON).body(Map.of("rating", "up"))
                .post("/api/v1/turns/" + turnId + "/feedback").then().statusCode(200);
        String listId = given().auth().oauth2(token(leaver)).get("/api/v1/recommendations")
                .then().statusCode(200).extract().path("recommendationId");
        given().auth().oauth2(token(leaver)).contentType(ContentType.JSON)
                .body(Map.of("titleId", "mv-0009", "type", "click", "source", "home", "recommendationId", listId))
                .post("/api/v1/interactions").then().statusCode(202);
        say(bystander, null, "hi").statusCode(200);
        interact(bystander, "mv-0009", "play");

        // Export: every service's part in one bundle. Analytics takes the events in its own time, so ask again
        // until its part shows all four of them.
        Map<String, Object> bundle = await().atMost(WAIT).until(() -> export(leaver), b -> {
            Map<String, Object> analytics = part(b, "analytics-service");
            return ((List<?>) analytics.get("receivedEventIds")).size() >= 4
                    && !((List<?>) analytics.get("servedLists")).isEmpty();
        });
        assertThat((List<?>) part(bundle, "dialogue-service").get("turns")).hasSize(2);
        assertThat(part(bundle, "dialogue-service").get("turns").toString()).contains("recommend me a comedy");
        assertThat((List<?>) part(bundle, "dialogue-service").get("feedback")).hasSize(1);
        assertThat((List<?>) part(bundle, "recommendation-service").get("interactions")).hasSize(1);
        assertThat(part(bundle, "recommendation-service").get("servedLists").toString()).contains(listId);
        assertThat(part(bundle, "analytics-service").get("servedLists").toString()).contains(listId);
        assertThat(part(bundle, "privacy-service").get("consentHistory").toString()).contains("personalization");
        assertThat((List<?>) part(bundle, "privacy-service").get("consent")).hasSize(2);
        assertThat(part(bundle, "gateway-service").get("rateLimitBucket").toString()).contains("requestsLeft");
        assertThat(part(bundle, "dialogue-service").get("consentView").toString()).contains("kids", "marquee");

        String location = given().auth().oauth2(token(leaver)).post("/api/v1/privacy/erasure-requests")
                .then().statusCode(202).extract().header("Location");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(leaver)).get(location)
                .then().statusCode(200).body("status", equalTo("completed")));
        Map<String, Object> receipt = given().auth().oauth2(token(leaver)).get(location + "/receipt")
                .then().statusCode(200)
                .body("services.service", containsInAnyOrder("privacy-service", "dialogue-service",
                        "recommendation-service", "analytics-service", "gateway-service"))
                .body("services.find { it.service == 'gateway-service' }.erased.rateLimitBuckets", equalTo(1))
                .body("services.find { it.service == 'dialogue-service' }.erased.turns", equalTo(2))
                .body("services.find { it.service == 'dialogue-service' }.erased.feedback", equalTo(1))
                .body("services.find { it.service == 'recommendation-service' }.erased.interactions", equalTo(1))
                .body("services.find { it.service == 'analytics-service' }.erased.receivedEventIds",
                        greaterThanOrEqualTo(4))
                .body("services.find { it.service == 'privacy-service' }.erased.consentState", equalTo(2))
                .body("totals.dialogue-service", greaterThanOrEqualTo(4))
                .extract().as(Map.class);
        // The lists served by the recommender (on the chat turn and on the request above) are the lists analytics
        // attributed conversions to.
        assertThat(erased(receipt, "analytics-service", "servedLists"))
                .isEqualTo(erased(receipt, "recommendation-service", "servedLists")).isGreaterThanOrEqualTo(1);

        // No row of the user in any table the data map says an erasure empties; the other user's rows stay.
        DataMap map = DataMap.load();
        for (DataMap.Table table : map.tables()) {
            if (!table.erased()) {
                continue;
            }
            Service service = Service.valueOf(table.service().replace("-service", "").toUpperCase());
            assertThat(count(service, table.countQuery(leaver))).as(table.service() + " " + table.name()).isZero();
        }
        assertThat(count(Service.DIALOGUE, "SELECT count(*) FROM turn WHERE user_id = '" + bystander + "'")).isEqualTo(1);
        assertThat(count(Service.RECOMMENDATION, "SELECT count(*) FROM interaction WHERE user_id = '" + bystander + "'"))
                .isEqualTo(1);
        // The compacted consent topic forgets the user (tombstone), and so does every service's view of it.
        List<ConsumerRecord<String, String>> consent = kafka.await(Topic.PRIVACY_CONSENT.topicName(),
                r -> leaver.equals(r.key()), 2, WAIT);
        assertThat(consent.getLast().value()).isNull();

        // Asked again, no service holds anything of the user: analytics' state stores included.
        Map<String, Object> after = await().atMost(WAIT).until(() -> export(leaver),
                b -> part(b, "analytics-service").get("analyticsConsent").toString().equals("[]"));
        for (String service : List.of("dialogue-service", "recommendation-service", "analytics-service")) {
            assertThat(part(after, service).values()).as(service)
                    .allSatisfy(records -> assertThat((List<?>) records).isEmpty());
        }
        given().auth().oauth2(token("dpo", "admin")).baseUri(stack.config().url(Service.PRIVACY))
                .get("/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void anErasureStartedWhileAServiceIsDownCompletesOnceItIsBack() {
        String patient = user("patient");
        say(patient, null, "hi").statusCode(200);
        interact(patient, "mv-0011", "play");
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(Service.RECOMMENDATION,
                "SELECT count(*) FROM interaction WHERE user_id = '" + patient + "'")).isEqualTo(1));

        stack.kill(Service.ANALYTICS);
        String location = given().auth().oauth2(token(patient)).post("/api/v1/privacy/erasure-requests")
                .then().statusCode(202).extract().header("Location");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(patient)).get(location)
                .then().statusCode(200)
                .body("status", equalTo("pending"))
                .body("pendingServices", equalTo(List.of("analytics-service"))));

        stack.restart(Service.ANALYTICS);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(patient)).get(location)
                .then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("confirmations.find { it.service == 'analytics-service' }.erased.receivedEventIds",
                        greaterThanOrEqualTo(1)));
        assertThat(count(Service.RECOMMENDATION, "SELECT count(*) FROM interaction WHERE user_id = '" + patient + "'"))
                .isZero();
    }

    @Test
    void noUserCanReadOrChangeWhatBelongsToAnother() {
        String owner = user("owner");
        String intruder = user("intruder");
        String conversation = say(owner, null, "recommend a comedy").statusCode(200).extract().path("conversationId");
        String turnId = say(owner, conversation, "tell me more about the first one").statusCode(200)
                .extract().path("turnId");
        given().auth().oauth2(token(owner)).contentType(ContentType.JSON)
                .body(Map.of("purposes", Map.of("analytics", true))).put("/api/v1/privacy/consent")
                .then().statusCode(200);
        String export = given().auth().oauth2(token(owner)).post("/api/v1/privacy/export-requests")
                .then().statusCode(202).extract().header("Location");

        // Every route that takes an id answers the intruder as if the id did not exist.
        given().auth().oauth2(token(intruder)).get("/api/v1/conversations/" + conversation)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(intruder)).delete("/api/v1/conversations/" + conversation)
                .then().statusCode(404);
        given().auth().oauth2(token(intruder)).contentType(ContentType.JSON)
                .body(Map.of("message", "and what else?", "conversationId", conversation))
                .post("/api/v1/chat/turns").then().statusCode(404);
        given().auth().oauth2(token(intruder)).contentType(ContentType.JSON).body(Map.of("rating", "down"))
                .post("/api/v1/turns/" + turnId + "/feedback").then().statusCode(404);
        given().auth().oauth2(token(intruder)).get(export).then().statusCode(404);
        given().auth().oauth2(token(intruder)).get(export + "/bundle").then().statusCode(404);
        // Lists show only the caller's own.
        given().auth().oauth2(token(intruder)).get("/api/v1/conversations").then().statusCode(200)
                .body("total", equalTo(0));
        given().auth().oauth2(token(intruder)).get("/api/v1/privacy/export-requests").then().statusCode(200)
                .body("total", equalTo(0));
        given().auth().oauth2(token(intruder)).get("/api/v1/privacy/consent").then().statusCode(200)
                .body("version", equalTo(0));
        given().auth().oauth2(token(intruder)).get("/api/v1/privacy/consent/history").then().statusCode(200)
                .body("total", equalTo(0));

        // The owner's things are untouched.
        given().auth().oauth2(token(owner)).get("/api/v1/conversations/" + conversation).then().statusCode(200)
                .body("turns.size()", equalTo(2));
        assertThat(count(Service.DIALOGUE, "SELECT count(*) FROM turn_feedback WHERE turn_id = '" + turnId + "'"))
                .isZero();

        // Only the owner can delete their conversation.
        given().auth().oauth2(token(owner)).delete("/api/v1/conversations/" + conversation).then().statusCode(204);

        // The same for an erasure request (last: it erases the owner, and may have done so before the next call).
        String erasure = given().auth().oauth2(token(owner)).post("/api/v1/privacy/erasure-requests")
                .then().statusCode(202).extract().header("Location");
        given().auth().oauth2(token(intruder)).get(erasure).then().statusCode(404);
        given().auth().oauth2(token(intruder)).get(erasure + "/receipt").then().statusCode(404);
        given().auth().oauth2(token(intruder)).get("/api/v1/privacy/erasure-requests").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void theDataMapNamesEveryTableAndTopic() {
        DataMap map = DataMap.load();
        for (Service service : Service.values()) {
            if (!service.ownsDatabase()) {
                continue;
            }
            List<String> tables = strings(service, "SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' ORDER BY 1");
            assertThat(map.namedTables(service.moduleName())).as("tables of " + service.moduleName())
                    .containsExactlyInAnyOrderElementsOf(tables);
            for (DataMap.Table table : map.tables()) {
                if (table.service().equals(service.moduleName()) && table.userColumn() != null) {
                    assertThat(strings(service, "SELECT column_name FROM information_schema.columns WHERE "
                            + "table_name = '" + table.name() + "'")).as(table.name()).contains(table.userColumn());
                }
                if (table.service().equals(service.moduleName())) {
                    count(service, table.countQuery("nobody"));
                }
            }
        }
        assertThat(map.topics()).containsExactlyInAnyOrderElementsOf(Topic.allNames());
    }

    private static Map<String, Object> export(String user) {
        String location = given().auth().oauth2(token(user)).post("/api/v1/privacy/export-requests")
                .then().statusCode(202).extract().header("Location");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(user)).get(location)
                .then().statusCode(200).body("status", equalTo("completed")));
        return given().auth().oauth2(token(user)).get(location + "/bundle")
                .then().statusCode(200).header("Content-Disposition", containsString("attachment"))
                .extract().as(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static long erased(Map<String, Object> receipt, String service, String kind) {
        return ((List<Map<String, Object>>) receipt.get("services")).stream()
                .filter(s -> service.equals(s.get("service")))
                .mapToLong(s -> ((Number) ((Map<String, Object>) s.get("erased")).get(kind)).longValue())
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(Map<String, Object> bundle, String service) {
        return (Map<String, Object>) ((Map<String, Object>) bundle.get("services")).get(service);
    }

    private static List<String> strings(Service service, String sql) {
        try (var c = stack.postgres().connect(stack.config().database(service));
             var rs = c.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badInputIsRefusedWithProblemDetailsAndPoisonEventsAreDeadLettered() {
        String eve = user("eve");
        given().auth().oauth2(token(eve)).contentType(ContentType.JSON).body("{\"message\": ")
                .post("/api/v1/chat/turns").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("message", "hi"))
                .post("/api/v1/chat/turns").then().statusCode(401).contentType("application/problem+json");
        say(eve, UUID.randomUUID().toString(), "hi").statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(eve)).get("/api/v1/titles/mv-9999").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token(eve)).contentType(ContentType.JSON)
                .body(Map.of("purposes", Map.of("mind_reading", true))).put("/api/v1/privacy/consent")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token(eve)).get("/api/v1/privacy/consent").then().statusCode(200)
                .body("version", equalTo(0));

        String marker = "poison-" + RUN;
        kafka.send(Topic.INTERACTIONS.topicName(), eve, "{\"interactionId\":\"" + marker + "\"}",
                Map.of("ce_id", marker, "ce_type", "dev.marquee.interaction.v1"));
        kafka.await(Topic.RECOMMENDATION_DLQ.topicName(), r -> r.value().contains(marker), 1, WAIT);
        kafka.await(Topic.ANALYTICS_DLQ.topicName(), r -> r.value().contains(marker), 1, WAIT);
    }

    /**
     * The web chat page in a real headless Chromium: sign-in at Keycloak (authorization code with PKCE, as brand
     * "nova", whose issuer that Keycloak is), a streamed reply with cards and quick replies, thumbs feedback, a play
     * from a card that lands on Kafka with its recommendation id, and the privacy page's consent, export and
     * erasure. Screenshots are kept under deploy/target/screenshots.
     */
    @Test
    void theWebChatSignsInThroughKeycloakStreamsRepliesAndManagesPrivacy() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        try (HeadlessBrowser browser = HeadlessBrowser.launch(1200, 1400)) {
            browser.open(stack.config().url(Service.GATEWAY) + "/chat/");
            browser.awaitTrue("document.body.dataset.ready === 'true' && !document.getElementById('signed-out').hidden",
                    WAIT);
            browser.evaluate("document.getElementById('sign-in').click()");
            browser.awaitTrue("location.href.includes('/realms/marquee/') && document.getElementById('username')",
                    WAIT);
            assertThat(browser.location()).contains("code_challenge_method=S256").contains("client_id=marquee-web");
            browser.evaluate("document.getElementById('username').value = 'alice';"
                    + "document.getElementById('password').value = 'alice';"
                    + "document.getElementById('kc-form-login').submit(); true");
            browser.awaitTrue("location.pathname === '/chat/' && document.body.dataset.ready === 'true' "
                    + "&& !document.getElementById('chat').hidden", WAIT);
            assertThat(browser.location()).doesNotContain("code=");
            assertThat(browser.evaluate("document.getElementById('who').textContent").asText()).contains("alice");

            // Count the changes to the reply's text while it streams in: records, not observer callbacks, since the
            // browser hands the observer every change of one network read at once, and how a reply's events are
            // split into reads is up to TCP.
            browser.evaluate("window.pieces = 0; new MutationObserver(r => window.pieces += r.length).observe("
                    + "document.getElementById('log'), {subtree: true, characterData: true, childList: true}); true");
            browser.evaluate("document.getElementById('message').value = 'Can you recommend something to watch?';"
                    + "document.getElementById('composer').requestSubmit(); true");
            browser.awaitTrue("document.querySelector('.message.assistant[data-turn-id] .card')", WAIT);
            assertThat(browser.evaluate("window.pieces").asInt()).as("DOM changes while the reply streamed")
                    .isGreaterThan(3);
            assertThat(browser.evaluate("document.querySelector('.message.assistant .text').textContent").asText())
                    .isNotBlank();
            assertThat(browser.evaluate("document.querySelectorAll('#quick-replies button').length").asInt())
                    .isPositive();
            // Every card shows its poster (dialogue-service draws them; the gateway relays them without a token).
            browser.awaitTrue("[...document.querySelectorAll('.card img')].every(i => i.complete "
                    + "&& i.naturalWidth > 0)", WAIT);
            String turnId = browser.evaluate("document.querySelector('.message.assistant').dataset.turnId").asText();
            String titleId = browser.evaluate("document.querySelector('.card').dataset.titleId").asText();
            Files.write(SCREENSHOTS.resolve("web-chat-reply.png"), browser.screenshot());
            // Accessible: every control has a name, every input a label, every image a text alternative, and new
            // messages are announced to screen readers.
            assertThat(browser.evaluate("[...document.querySelectorAll('button, a')].filter(e => e.offsetParent "
                    + "&& !(e.textContent.trim() || e.getAttribute('aria-label'))).length").asInt()).isZero();
            assertThat(browser.evaluate("[...document.querySelectorAll('input')].every(i => i.labels.length > 0)")
                    .asBoolean()).isTrue();
            assertThat(browser.evaluate("[...document.querySelectorAll('img')].every(i => i.alt)").asBoolean())
                    .isTrue();
            assertThat(browser.evaluate("document.getElementById('log').getAttribute('aria-live')").asText())
                    .isEqualTo("polite");

            browser.evaluate("document.querySelector('.feedback button[data-rating=up]').click(); true");
            browser.awaitTrue("document.querySelector('.feedback button[data-rating=up]')"
                    + ".getAttribute('aria-pressed') === 'true'", WAIT);
            assertThat(count(Service.DIALOGUE, "SELECT count(*) FROM turn_feedback WHERE turn_id = '" + turnId
                    + "' AND rating = 'up'")).isEqualTo(1);

            browser.evaluate("document.querySelector('.card button').click(); true");
            browser.awaitTrue("document.querySelector('.card button').disabled", WAIT);
            String subject = browser.evaluate("JSON.parse(atob(JSON.parse(sessionStorage.getItem('marquee.session'))"
                    + ".accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub").asText();
            List<ConsumerRecord<String, String>> played = kafka.await(Topic.INTERACTIONS.topicName(),
                    r -> subject.equals(r.key()) && r.value().contains("\"titleId\":\"" + titleId + "\""), 3, WAIT);
            List<Interaction> interactions = played.stream()
                    .map(r -> EventCodec.instance().decode(r.value(), Interaction.class)).toList();
            assertThat(interactions).extracting(i -> i.type().name())
                    .contains("IMPRESSION", "CLICK", "PLAY");
            assertThat(interactions).allSatisfy(i -> {
                assertThat(i.brand()).isEqualTo(WEB_BRAND);
                assertThat(i.source()).isEqualTo("chat");
                assertThat(i.recommendationId()).isNotBlank();
            });

            browser.evaluate("document.querySelector('#quick-replies button').click(); true");
            browser.awaitTrue("document.querySelectorAll('.message.assistant[data-turn-id]').length === 2", WAIT);
            assertThat(count(Service.DIALOGUE, "SELECT count(*) FROM turn t JOIN conversation c ON c.id = "
                    + "t.conversation_id WHERE t.user_id = '" + subject + "' AND c.brand = '" + WEB_BRAND + "'"))
                    .isEqualTo(2);

            browser.evaluate("location.hash = '#privacy'; true");
            browser.awaitTrue("!document.getElementById('privacy').hidden "
                    + "&& document.getElementById('consent').dataset.loaded === 'true'", WAIT);
            browser.evaluate("document.querySelector('#consent input[name=personalization]').checked = true;"
                    + "document.getElementById('consent').requestSubmit(); true");
            browser.awaitTrue("document.getElementById('consent-status').textContent.startsWith('Saved')", WAIT);
            assertThat(browser.evaluate("document.querySelector('#consent input[name=personalization]').checked")
                    .asBoolean()).isTrue();
            given().auth().oauth2(browser.evaluate("JSON.parse(sessionStorage.getItem('marquee.session'))"
                            + ".accessToken").asText())
                    .get("/api/v1/privacy/consent").then().statusCode(200)
                    .body("brand", equalTo(WEB_BRAND)).body("purposes.personalization", equalTo(true));

            browser.evaluate("document.getElementById('export').click(); true");
            browser.awaitTrue("document.getElementById('export-download')", Duration.ofSeconds(90));
            Files.write(SCREENSHOTS.resolve("web-chat-privacy.png"), browser.screenshot());

            browser.evaluate("document.getElementById('erase-confirm').checked = true;"
                    + "document.getElementById('erasure').requestSubmit(); true");
            browser.awaitTrue("document.getElementById('erasure-status').textContent.includes('erased from every')",
                    Duration.ofSeconds(90));
            assertThat(count(Service.DIALOGUE, "SELECT count(*) FROM turn WHERE user_id = '" + subject + "'"))
                    .isZero();
            assertThat(browser.errors()).isEmpty();
        }
    }

    private static long count(Service service, String sql) {
        return stack.postgres().queryLong(stack.config().database(service), sql);
    }
}
