package dev.marquee.analytics.streams;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.events.ConversionWindow;
import dev.marquee.events.EngagementWindow;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.ExportContributed;
import dev.marquee.events.ExportRequested;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.events.ModelUsageWindow;
import dev.marquee.events.RecommendationServed;
import dev.marquee.events.SatisfactionWindow;
import dev.marquee.events.Topic;
import dev.marquee.events.TurnCompleted;
import dev.marquee.events.TurnFeedback;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The aggregates over a known event history, on the topology alone (TopologyTestDriver). */
class AggregatesTopologyTest {
    private static final Instant DAY = Instant.parse("2026-11-26T00:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-26T10:00:00Z");
    private static final String HOST = "marquee-host@1";
    private static final String OFFLINE = "offline-catalog-responder";

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> turns;
    private TestInputTopic<String, String> feedback;
    private TestInputTopic<String, String> interactions;
    private TestInputTopic<String, String> served;
    private TestInputTopic<String, String> consent;

    private void start(AnalyticsConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-aggregates-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(new AnalyticsTopology(config).topology(), props);
        turns = input(Topic.DIALOGUE_TURNS);
        feedback = input(Topic.DIALOGUE_FEEDBACK);
        interactions = input(Topic.INTERACTIONS);
        served = input(Topic.RECOMMENDATIONS_SERVED);
        consent = input(Topic.PRIVACY_CONSENT);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void engagementCountsUsersWithConsentConversationsTurnsSessionsAndReturningUsers() {
        start(new TestConfig());
        analytics("u-1", true);
        analytics("u-2", true);
        analytics("u-4", false);
        // u-1 was active the day before, so today it is a returning user.
        pipe(turns, turn("u-1", "c-0", TEN.minus(Duration.ofDays(1)), t -> t));
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(300), t -> t));
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(900), t -> t));
        pipe(turns, turn("u-1", "c-2", TEN.plusSeconds(2400), t -> t));
        pipe(turns, turn("u-2", "c-3", TEN.plusSeconds(1200), t -> t));
        pipe(turns, turn("u-4", "c-4", TEN.plusSeconds(1800), t -> t));

        Map<String, EngagementWindow> latest = latest(Topic.ANALYTICS_ENGAGEMENT, EngagementWindow.class);
        EngagementWindow hour = latest.get("hour|marquee|web|" + HOST + "|" + TEN);
        assertThat(hour.activeUsers()).isEqualTo(2);
        assertThat(hour.returningUsers()).isEqualTo(1);
        assertThat(hour.conversations()).isEqualTo(4);
        assertThat(hour.turns()).isEqualTo(5);
        assertThat(hour.turnsPerConversation()).isEqualTo(1.25);
        // c-1 lasted 600 s, the other three sessions one turn each.
        assertThat(hour.meanSessionSeconds()).isEqualTo(150.0);
        assertThat(hour.windowEnd()).isEqualTo(TEN.plusSeconds(3600));

        EngagementWindow day = latest.get("day|marquee|web|" + HOST + "|" + DAY);
        assertThat(day.activeUsers()).isEqualTo(2);
        assertThat(day.returningUsers()).isEqualTo(1);
        assertThat(day.turns()).isEqualTo(5);
        assertThat(day.windowEnd()).isEqualTo(DAY.plus(Duration.ofDays(1)));
        EngagementWindow dayBefore = latest.get("day|marquee|web|" + HOST + "|" + DAY.minus(Duration.ofDays(1)));
        assertThat(dayBefore.activeUsers()).isEqualTo(1);
        assertThat(dayBefore.returningUsers()).isZero();
    }

    @Test
    void aSessionEndsAfterTheTimeoutAndItsLengthCountsInTheWindowItStarted() {
        start(new TestConfig());
        analytics("u-1", true);
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(3000), t -> t));
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(3900), t -> t));
        // 40 minutes of silence is past the 30-minute timeout: a second session of the same conversation.
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(3900 + 2400), t -> t));

        Map<String, EngagementWindow> latest = latest(Topic.ANALYTICS_ENGAGEMENT, EngagementWindow.class);
        assertThat(latest.get("hour|marquee|web|" + HOST + "|" + TEN).meanSessionSeconds()).isEqualTo(900.0);
        EngagementWindow eleven = latest.get("hour|marquee|web|" + HOST + "|" + TEN.plusSeconds(3600));
        assertThat(eleven.turns()).isEqualTo(2);
        assertThat(eleven.meanSessionSeconds()).isZero();
        assertThat(latest.get("day|marquee|web|" + HOST + "|" + DAY).meanSessionSeconds()).isEqualTo(450.0);
    }

    @Test
    void satisfactionRatesAndFeedbackCountUnderTheChannelAndPersonaOfTheRatedTurn() {
        start(new TestConfig());
        analytics("u-1", true);
        EventEnvelope rated = turn("u-1", "c-1", TEN.plusSeconds(60), t -> withChannel(t, "ios"));
        pipe(turns, rated);
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(120), t -> withFlags(withChannel(t, "ios"), true, false,
                List.of())));
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(180), t -> withFlags(withChannel(t, "ios"), false, true,
                List.of("prompt_injection"))));
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(240), t -> withFlags(withChannel(t, "ios"), false, true,
                List.of())));
        String turnId = ((TurnCompleted) rated.data()).turnId();
        pipe(feedback, feedback("u-1", turnId, TurnFeedback.Rating.UP, TEN.plusSeconds(300)));
        pipe(feedback, feedback("u-1", turnId, TurnFeedback.Rating.UP, TEN.plusSeconds(310)));
        pipe(feedback, feedback("u-1", turnId, TurnFeedback.Rating.DOWN, TEN.plusSeconds(320)));

        SatisfactionWindow hour = latest(Topic.ANALYTICS_SATISFACTION, SatisfactionWindow.class)
                .get("hour|marquee|ios|" + HOST + "|" + TEN);
        assertThat(hour.users()).isEqualTo(1);
        assertThat(hour.turns()).isEqualTo(4);
        assertThat(hour.handoffs()).isEqualTo(1);
        assertThat(hour.handoffRate()).isEqualTo(0.25);
        assertThat(hour.fallbacks()).isEqualTo(2);
        assertThat(hour.fallbackRate()).isEqualTo(0.5);
        assertThat(hour.guardrailTurns()).isEqualTo(1);
        assertThat(hour.guardrailRate()).isEqualTo(0.25);
        assertThat(hour.thumbsUp()).isEqualTo(2);
        assertThat(hour.thumbsDown()).isEqualTo(1);
        assertThat(hour.thumbsUpRatio()).isCloseTo(2 / 3.0, within(1e-9));
    }

    @Test
    void conversionsAreAttributedToTheServedListWithinTheAttributionWindowOncePerStage() {
        start(new TestConfig());
        analytics("u-1", true);
        analytics("u-2", true);
        pipe(served, served("u-1", "r-1", "chat", "hybrid", "control", TEN));
        pipe(served, served("u-2", "r-2", "home", "popularity", "b", TEN.plusSeconds(600)));
        pipe(interactions, interaction("u-1", "r-1", InteractionType.IMPRESSION, TEN.plusSeconds(60)));
        pipe(interactions, interaction("u-1", "r-1", InteractionType.CLICK, TEN.plusSeconds(120)));
        pipe(interactions, interaction("u-1", "r-1", InteractionType.CLICK, TEN.plusSeconds(130)));
        pipe(interactions, interaction("u-1", "r-1", InteractionType.PLAY, TEN.plusSeconds(1800)));
        // An hour later, still within the two-hour attribution window: counts in the window the list was served.
        pipe(interactions, interaction("u-1", "r-1", InteractionType.PURCHASE, TEN.plusSeconds(3700)));
        // Past the attribution window, and a list that was never served: not attributed.
        pipe(interactions, interaction("u-2", "r-2", InteractionType.CLICK, TEN.plusSeconds(600 + 7300)));
        pipe(interactions, interaction("u-2", "r-unknown", InteractionType.CLICK, TEN.plusSeconds(700)));

        Map<String, ConversionWindow> latest = latest(Topic.ANALYTICS_CONVERSION, ConversionWindow.class);
        ConversionWindow chat = latest.get("hour|marquee|chat|hybrid|control|" + TEN);
        assertThat(chat.served()).isEqualTo(1);
        assertThat(chat.users()).isEqualTo(1);
        assertThat(chat.impressions()).isEqualTo(1);
        assertThat(chat.clicks()).isEqualTo(1);
        assertThat(chat.plays()).isEqualTo(1);
        assertThat(chat.completes()).isZero();
        assertThat(chat.purchases()).isEqualTo(1);
        assertThat(chat.clickRate()).isEqualTo(1.0);
        assertThat(latest).doesNotContainKey("hour|marquee|chat|hybrid|control|" + TEN.plusSeconds(3600));

        ConversionWindow home = latest.get("hour|marquee|home|popularity|b|" + TEN);
        assertThat(home.served()).isEqualTo(1);
        assertThat(home.clicks()).isZero();
        assertThat(home.clickRate()).isZero();
        assertThat(latest.get("day|marquee|chat|hybrid|control|" + DAY).purchases()).isEqualTo(1);
    }

    @Test
    void modelUsageHasLatencyPercentilesTokensAndTheirEstimatedCost() {
        start(new TestConfig(1, Map.of("gpt-x", TestConfig.price(0.5, 1.5))));
        analytics("u-1", true);
        long[] latencies = {40, 45, 50, 55, 60, 70, 80, 90, 100, 2000};
        for (int i = 0; i < latencies.length; i++) {
            long latency = latencies[i];
            pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(60 + i), t -> new TurnCompleted(t.turnId(),
                    t.conversationId(), t.userId(), t.brand(), "marquee-llm@1", t.channel(), t.intent(), "gpt-x",
                    t.titleIds(), t.guardrails(), false, false, latency, 100, 200, t.occurredAt())));
        }
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(100), t -> t));

        Map<String, ModelUsageWindow> latest = latest(Topic.ANALYTICS_MODEL_USAGE, ModelUsageWindow.class);
        ModelUsageWindow llm = latest.get("hour|gpt-x|marquee-llm@1|" + TEN);
        assertThat(llm.turns()).isEqualTo(10);
        assertThat(llm.tokensIn()).isEqualTo(1000);
        assertThat(llm.tokensOut()).isEqualTo(2000);
        assertThat(llm.estimatedCost()).isCloseTo(0.5 + 3.0, within(1e-9));
        assertThat(llm.currency()).isEqualTo("USD");
        // Bucket bounds grow by a quarter: each percentile is within 25 % above the true value.
        assertThat(llm.latencyP50Ms()).isBetween(60.0, 75.0);
        assertThat(llm.latencyP90Ms()).isBetween(100.0, 125.0);
        assertThat(llm.latencyP99Ms()).isBetween(2000.0, 2500.0);
        ModelUsageWindow offline = latest.get("hour|" + OFFLINE + "|" + HOST + "|" + TEN);
        assertThat(offline.turns()).isEqualTo(1);
        assertThat(offline.estimatedCost()).isZero();
    }

    @Test
    void aggregatesOverFewerThanKUsersAreNotPublishedAndUsersWithoutConsentNeverCountAsUsers() {
        start(new TestConfig(3, Map.of()));
        analytics("u-1", true);
        analytics("u-2", true);
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(60), t -> t));
        pipe(turns, turn("u-2", "c-2", TEN.plusSeconds(120), t -> t));
        pipe(turns, turn("u-3", "c-3", TEN.plusSeconds(180), t -> t));
        assertThat(output(Topic.ANALYTICS_ENGAGEMENT)).isEmpty();
        assertThat(output(Topic.ANALYTICS_SATISFACTION)).isEmpty();

        // u-3 consents: its next turn makes it the third user.
        analytics("u-3", true);
        pipe(turns, turn("u-3", "c-3", TEN.plusSeconds(240), t -> t));
        EngagementWindow hour = latest(Topic.ANALYTICS_ENGAGEMENT, EngagementWindow.class)
                .get("hour|marquee|web|" + HOST + "|" + TEN);
        assertThat(hour.activeUsers()).isEqualTo(3);
        assertThat(hour.turns()).isEqualTo(4);

        // Withdrawn: u-1's further turns count as turns, not as a user (u-1 is already counted in this window).
        analytics("u-1", false);
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(300), t -> t));
        assertThat(latest(Topic.ANALYTICS_ENGAGEMENT, EngagementWindow.class)
                .get("hour|marquee|web|" + HOST + "|" + TEN).turns()).isEqualTo(5);
    }

    @Test
    void analyticsConsentCountsOnlyInTheBrandItWasGivenIn() {
        start(new TestConfig(1, Map.of()));
        Map<ConsentPurpose, Boolean> granted = new EnumMap<>(ConsentPurpose.class);
        Map<ConsentPurpose, Boolean> refused = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose p : ConsentPurpose.values()) {
            granted.put(p, p == ConsentPurpose.ANALYTICS);
            refused.put(p, false);
        }
        consent.pipeInput("u-4", EventCodec.instance().encode(new ConsentChanged("u-4", "kids", granted,
                List.of(ConsentPurpose.ANALYTICS), "2026-01", "api", 2, TEN,
                Map.of("kids", granted, "marquee", refused))));
        pipe(turns, turn("u-4", "c-4", TEN.plusSeconds(60), t -> t));
        pipe(turns, turn("u-4", "c-5", TEN.plusSeconds(120), t -> withBrand(t, "kids")));

        Map<String, EngagementWindow> hours = latest(Topic.ANALYTICS_ENGAGEMENT, EngagementWindow.class);
        assertThat(hours.get("hour|kids|web|" + HOST + "|" + TEN).activeUsers()).isEqualTo(1);
        // In the brand without consent u-4 is no user, and an aggregate of no user is not published (k = 1).
        assertThat(hours).doesNotContainKey("hour|marquee|web|" + HOST + "|" + TEN);
    }

    private static TurnCompleted withBrand(TurnCompleted t, String brand) {
        return new TurnCompleted(t.turnId(), t.conversationId(), t.userId(), brand, t.persona(), t.channel(),
                t.intent(), t.responder(), t.titleIds(), t.guardrails(), t.handoff(), t.fallback(), t.latencyMs(),
                t.tokensIn(), t.tokensOut(), t.occurredAt());
    }

    @Test
    void lateEventsCountWithinTheGracePeriodAndRedeliveredOnesOnce() {
        start(new TestConfig());
        analytics("u-1", true);
        EventEnvelope first = turn("u-1", "c-1", TEN.plusSeconds(60), t -> t);
        pipe(turns, first);
        pipe(turns, first);
        // Stream time moves to 12:05; the 10:00 window (grace two hours, the attribution window) is still open.
        pipe(turns, turn("u-1", "c-9", TEN.plusSeconds(7500), t -> t));
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(120), t -> t));
        // Stream time 13:30: the 10:00 window closed at 13:00 and a turn in it is dropped.
        pipe(turns, turn("u-1", "c-9", TEN.plusSeconds(12_600), t -> t));
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(180), t -> t));

        EngagementWindow hour = latest(Topic.ANALYTICS_ENGAGEMENT, EngagementWindow.class)
                .get("hour|marquee|web|" + HOST + "|" + TEN);
        assertThat(hour.turns()).isEqualTo(2);
    }

    @Test
    void factsAreCombinedOnTheTaskSoEachCommitPublishesEachWindowOnce() {
        start(new TestConfig());
        analytics("u-1", true);
        // The test driver commits after every input record: each turn is a commit of its own. A turn adds two
        // facts to its engagement windows (the turn, and the session it starts); they cross as one record.
        for (int i = 0; i < 100; i++) {
            pipe(turns, turn("u-1", "c-" + (i % 7), TEN.plusSeconds(10L * i), t -> t));
        }
        List<TestRecord<String, String>> records = output(Topic.ANALYTICS_ENGAGEMENT);
        assertThat(records).hasSize(200);
        assertThat(records).extracting(TestRecord::key).containsOnly(
                "hour|marquee|web|" + HOST + "|" + TEN, "day|marquee|web|" + HOST + "|" + DAY);
        EngagementWindow hour = EventCodec.instance().decode(records.stream()
                .filter(r -> r.key().startsWith("hour|")).reduce((a, b) -> b).orElseThrow().value(),
                EngagementWindow.class);
        assertThat(hour.turns()).isEqualTo(100);
        assertThat(hour.conversations()).isEqualTo(7);
        assertThat(driver.getAllStateStores().get(Observations.PENDING_STORE))
                .isInstanceOfSatisfying(PendingTallies.class, pending -> assertThat(pending.isEmpty()).isTrue());

        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(1200), t -> t));
        assertThat(latest(Topic.ANALYTICS_ENGAGEMENT, EngagementWindow.class)
                .get("hour|marquee|web|" + HOST + "|" + TEN).turns()).isEqualTo(101);
    }

    @Test
    void everyUpdateIsAValidEventWithCloudEventHeadersAndAnIdOfItsOwn() {
        start(new TestConfig());
        analytics("u-1", true);
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(60), t -> t));
        List<TestRecord<String, String>> records = new java.util.ArrayList<>(output(Topic.ANALYTICS_ENGAGEMENT));
        pipe(turns, turn("u-1", "c-1", TEN.plusSeconds(120), t -> t));
        records.addAll(output(Topic.ANALYTICS_ENGAGEMENT));
        assertThat(records).isNotEmpty();
        for (TestRecord<String, String> record : records) {
            EngagementWindow value = EventCodec.instance().decode(record.value(), EngagementWindow.class);
            assertThat(record.key()).isEqualTo(value.key());
            assertThat(header(record, "ce_type")).isEqualTo("dev.marquee.analytics.engagement-window.v1");
            assertThat(header(record, "ce_id")).startsWith(value.key() + "/");
        }
        assertThat(records.stream().map(r -> header(r, "ce_id")).distinct().count()).isEqualTo(records.size());
    }

    @Test
    void erasureDeletesEveryEntryOfTheUserAndAnswersWithTheSameCountsWhenAskedAgain() {
        start(new TestConfig());
        TestInputTopic<String, String> erasures = input(Topic.PRIVACY_ERASURE_REQUESTS);
        TestInputTopic<String, String> exports = input(Topic.PRIVACY_EXPORT_REQUESTS);
        analytics("leaving-user", true);
        analytics("staying-user", true);
        pipe(turns, turn("leaving-user", "c-leaving", TEN.plusSeconds(60), t -> t));
        pipe(turns, turn("staying-user", "c-staying", TEN.plusSeconds(60), t -> t));
        pipe(served, served("leaving-user", "r-leaving", "chat", "hybrid", "control", TEN.plusSeconds(90)));
        pipe(interactions, interaction("leaving-user", "r-leaving", InteractionType.CLICK, TEN.plusSeconds(120)));

        pipe(exports, EventEnvelope.forUser("leaving-user", "x-1/1", "/marquee/privacy-service", TEN,
                new ExportRequested("x-1", "leaving-user", List.of("analytics-service"), 1, TEN, null)));
        ExportContributed export = EventCodec.instance().decode(
                output(Topic.PRIVACY_EXPORT_CONTRIBUTIONS).getFirst().value(), ExportContributed.class);
        assertThat(export.service()).isEqualTo("analytics-service");
        // Per granularity (hour, day): the conversation, engagement, satisfaction, model-usage and conversion
        // user markers (5 x 2), and the click stage of the list once.
        assertThat((List<?>) export.data().get("activityMarkers")).hasSize(11);
        assertThat((List<?>) export.data().get("conversationSessions")).hasSize(1);
        assertThat(export.data().get("servedLists").toString()).contains("r-leaving", "hybrid");
        assertThat(export.data().get("analyticsConsent").toString()).contains("grantedInBrands=[marquee]");

        pipe(erasures, EventEnvelope.forUser("leaving-user", "e-1/1", "/marquee/privacy-service", TEN,
                new ErasureRequested("e-1", "leaving-user", List.of("analytics-service"), 1, TEN, null)));
        consent.pipeInput("leaving-user", (String) null);
        pipe(erasures, EventEnvelope.forUser("leaving-user", "e-1/2", "/marquee/privacy-service", TEN,
                new ErasureRequested("e-1", "leaving-user", List.of("analytics-service"), 2, TEN, null)));
        // A re-send to the services that have not answered yet, which analytics has: it does not answer again.
        pipe(erasures, EventEnvelope.forUser("leaving-user", "e-1/3", "/marquee/privacy-service", TEN,
                new ErasureRequested("e-1", "leaving-user", List.of("analytics-service", "dialogue-service"), 3, TEN,
                        List.of("dialogue-service"))));

        List<ErasureCompleted> answers = output(Topic.PRIVACY_ERASURE_COMPLETIONS).stream()
                .map(r -> EventCodec.instance().decode(r.value(), ErasureCompleted.class)).toList();
        // The turn, the served list and the click: three event ids kept for de-duplication.
        Map<String, Long> expected = Map.of("activityMarkers", 11L, "firstActive", 1L, "conversationSessions", 1L,
                "servedLists", 1L, "receivedEventIds", 3L);
        assertThat(answers).hasSize(2).allSatisfy(a -> {
            assertThat(a.erased()).isEqualTo(expected);
            assertThat(a.service()).isEqualTo("analytics-service");
        });

        // A turn of the user from before the erasure, arriving after it (it was in flight), is dropped.
        pipe(turns, turn("leaving-user", "c-leaving", TEN.plusSeconds(180), t -> t));

        List<String> leftovers = new java.util.ArrayList<>();
        List<String> others = new java.util.ArrayList<>();
        driver.getAllStateStores().forEach((name, store) -> {
            if (name.equals(UserState.ERASED_STORE)) {
                return; // when the user was erased: what keeps their in-flight events out
            }
            if (store instanceof PendingTallies pending) {
                assertThat(pending.isEmpty()).as(name + " is emptied by every commit").isTrue();
                return;
            }
            try (var it = store instanceof org.apache.kafka.streams.state.WindowStore<?, ?> w ? w.all()
                    : ((org.apache.kafka.streams.state.KeyValueStore<?, ?>) store).all()) {
                it.forEachRemaining(kv -> {
                    String entry = name + ": " + kv.key + " = " + kv.value;
                    if (entry.contains("leaving-user") || entry.contains("c-leaving") || entry.contains("r-leaving")) {
                        leftovers.add(entry);
                    }
                    if (entry.contains("staying-user")) {
                        others.add(entry);
                    }
                });
            }
        });
        assertThat(leftovers).as("entries of the erased user in any store").isEmpty();
        assertThat(others).as("the other user's entries").isNotEmpty();
        assertThat(driver.<String, Long>getKeyValueStore(UserState.ERASED_STORE).get("leaving-user")).isNotNull();

        pipe(exports, EventEnvelope.forUser("leaving-user", "x-2/1", "/marquee/privacy-service", TEN,
                new ExportRequested("x-2", "leaving-user", List.of("analytics-service"), 1, TEN, null)));
        ExportContributed after = EventCodec.instance().decode(
                output(Topic.PRIVACY_EXPORT_CONTRIBUTIONS).getFirst().value(), ExportContributed.class);
        assertThat(after.data().values()).allSatisfy(v -> assertThat((List<?>) v).isEmpty());

        // Activity after the erasure is new and counts as usual.
        pipe(turns, turn("leaving-user", "c-new", Instant.now().plus(Duration.ofHours(1)), t -> t));
        pipe(exports, EventEnvelope.forUser("leaving-user", "x-3/1", "/marquee/privacy-service", TEN,
                new ExportRequested("x-3", "leaving-user", List.of("analytics-service"), 1, TEN, null)));
        ExportContributed later = EventCodec.instance().decode(
                output(Topic.PRIVACY_EXPORT_CONTRIBUTIONS).getFirst().value(), ExportContributed.class);
        assertThat((List<?>) later.data().get("receivedEventIds")).hasSize(1);
        assertThat((List<?>) later.data().get("conversationSessions")).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDataMapNamesEveryStateStore() throws java.io.IOException {
        start(new TestConfig());
        Map<String, Object> map = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readValue(java.nio.file.Path.of("../docs/data-map.yaml").toFile(), Map.class);
        Map<String, Object> analytics = (Map<String, Object>) ((Map<String, Object>) map.get("services"))
                .get("analytics-service");
        java.util.Set<String> listed = new java.util.TreeSet<>(((Map<String, Object>) analytics.get("state-stores"))
                .keySet());
        listed.addAll((List<String>) analytics.get("no-personal-data"));

        assertThat(listed).containsExactlyInAnyOrderElementsOf(driver.getAllStateStores().keySet());
    }

    @Test
    void aPrivacyRequestThatBreaksTheContractIsDeadLettered() {
        start(new TestConfig());
        TestInputTopic<String, String> erasures = input(Topic.PRIVACY_ERASURE_REQUESTS);
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_type", "dev.marquee.privacy.erasure-requested.v1".getBytes(StandardCharsets.UTF_8));
        erasures.pipeInput(new TestRecord<>("someone", "{\"requestId\":\"e-9\"}", headers, TEN));

        TestRecord<String, String> dead = output(Topic.ANALYTICS_DLQ).getFirst();
        assertThat(dead.value()).contains("e-9");
        assertThat(header(dead, "dead-letter-reason")).contains("userId");
        assertThat(output(Topic.PRIVACY_ERASURE_COMPLETIONS)).isEmpty();
    }

    // --- helpers ---

    private TestInputTopic<String, String> input(Topic topic) {
        return driver.createInputTopic(topic.topicName(), new StringSerializer(), new StringSerializer());
    }

    /** What the topic has so far, once every task has forwarded its pending sums. */
    private List<TestRecord<String, String>> output(Topic topic) {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        return driver.createOutputTopic(topic.topicName(), new StringDeserializer(), new StringDeserializer())
                .readRecordsToList();
    }

    private <T> Map<String, T> latest(Topic topic, Class<T> type) {
        Map<String, T> latest = new LinkedHashMap<>();
        for (TestRecord<String, String> record : output(topic)) {
            latest.put(record.key(), EventCodec.instance().decode(record.value(), type));
        }
        return latest;
    }

    private void analytics(String userId, boolean granted) {
        Map<ConsentPurpose, Boolean> purposes = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose p : ConsentPurpose.values()) {
            purposes.put(p, p == ConsentPurpose.ANALYTICS && granted);
        }
        ConsentChanged change = new ConsentChanged(userId, "marquee", purposes, List.of(ConsentPurpose.ANALYTICS),
                "2026-01", "api", 1, TEN);
        consent.pipeInput(userId, EventCodec.instance().encode(change));
    }

    private static void pipe(TestInputTopic<String, String> topic, EventEnvelope event) {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        topic.pipeInput(new TestRecord<>(event.key(), EventCodec.instance().encode(event.data()), headers,
                event.time()));
    }

    private static EventEnvelope turn(String userId, String conversationId, Instant at,
                                      java.util.function.UnaryOperator<TurnCompleted> change) {
        String id = UUID.randomUUID().toString();
        TurnCompleted turn = change.apply(new TurnCompleted(id, conversationId, userId, "marquee", HOST, "web",
                "greeting", OFFLINE, List.of(), List.of(), false, false, 5, null, null, at));
        return EventEnvelope.forUser(userId, id, "/marquee/dialogue-service", at, turn);
    }

    private static TurnCompleted withChannel(TurnCompleted t, String channel) {
        return new TurnCompleted(t.turnId(), t.conversationId(), t.userId(), t.brand(), t.persona(), channel,
                t.intent(), t.responder(), t.titleIds(), t.guardrails(), t.handoff(), t.fallback(), t.latencyMs(),
                t.tokensIn(), t.tokensOut(), t.occurredAt());
    }

    private static TurnCompleted withFlags(TurnCompleted t, boolean handoff, boolean fallback,
                                           List<String> guardrails) {
        return new TurnCompleted(t.turnId(), t.conversationId(), t.userId(), t.brand(), t.persona(), t.channel(),
                t.intent(), t.responder(), t.titleIds(), guardrails, handoff, fallback, t.latencyMs(),
                t.tokensIn(), t.tokensOut(), t.occurredAt());
    }

    private static EventEnvelope feedback(String userId, String turnId, TurnFeedback.Rating rating, Instant at) {
        String id = UUID.randomUUID().toString();
        return EventEnvelope.forUser(userId, id, "/marquee/dialogue-service", at,
                new TurnFeedback(id, turnId, "c-1", userId, "marquee", rating, null, at));
    }

    private static EventEnvelope served(String userId, String recommendationId, String source, String strategy,
                                        String variant, Instant at) {
        return EventEnvelope.forUser(userId, recommendationId, "/marquee/recommendation-service", at,
                new RecommendationServed(recommendationId, userId, "marquee", strategy, variant, source,
                        List.of(new RecommendationServed.Item("mv-0001", 1, 1.0, "Popular right now")), at));
    }

    private static EventEnvelope interaction(String userId, String recommendationId, InteractionType type,
                                             Instant at) {
        String id = UUID.randomUUID().toString();
        return EventEnvelope.forUser(userId, id, "/marquee/gateway-service", at,
                new Interaction(id, userId, "mv-0001", type, null, recommendationId, "chat", "marquee", "web", at));
    }

    private static String header(TestRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
