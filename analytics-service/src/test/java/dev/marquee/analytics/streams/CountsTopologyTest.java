package dev.marquee.analytics.streams;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.events.Topic;
import dev.marquee.events.TurnCompleted;
import dev.marquee.events.WindowedCount;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CountsTopologyTest {
    private static final Instant HOUR = Instant.parse("2026-11-26T10:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> turns;
    private TestInputTopic<String, String> interactions;
    private TestOutputTopic<String, String> counts;
    private TestOutputTopic<String, String> deadLetters;

    @BeforeEach
    void setUp() {
        AnalyticsConfig config = new TestConfig();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(new AnalyticsTopology(config).topology(), props);
        turns = driver.createInputTopic(Topic.DIALOGUE_TURNS.topicName(), new StringSerializer(), new StringSerializer());
        interactions = driver.createInputTopic(Topic.INTERACTIONS.topicName(), new StringSerializer(),
                new StringSerializer());
        counts = driver.createOutputTopic(Topic.ANALYTICS_COUNTS.topicName(), new StringDeserializer(),
                new StringDeserializer());
        deadLetters = driver.createOutputTopic(Topic.ANALYTICS_DLQ.topicName(), new StringDeserializer(),
                new StringDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void eventsAreCountedPerMetricInTheWindowOfTheirEventTime() {
        pipe(turns, turn(HOUR.plusSeconds(60)));
        pipe(turns, turn(HOUR.plusSeconds(1800)));
        pipe(interactions, interaction(InteractionType.PLAY, HOUR.plusSeconds(120)));
        pipe(turns, turn(HOUR.plusSeconds(3700)));

        Map<String, Long> latest = latestCounts();

        assertThat(latest).containsEntry("turns@2026-11-26T10:00:00Z", 2L)
                .containsEntry("turns@2026-11-26T11:00:00Z", 1L)
                .containsEntry("interactions.play@2026-11-26T10:00:00Z", 1L);
    }

    @Test
    void lateEventsCountWithinTheGracePeriodAndNotAfterIt() {
        pipe(turns, turn(HOUR.plusSeconds(600)));
        pipe(turns, turn(HOUR.plusSeconds(3600 + 300)));
        pipe(turns, turn(HOUR.plusSeconds(900)));
        pipe(turns, turn(HOUR.plusSeconds(3600 + 900)));
        pipe(turns, turn(HOUR.plusSeconds(1200)));

        Map<String, Long> latest = latestCounts();

        assertThat(latest).containsEntry("turns@2026-11-26T10:00:00Z", 2L)
                .containsEntry("turns@2026-11-26T11:00:00Z", 2L);
    }

    @Test
    void publishedAggregatesAreValidEventsWithCloudEventHeaders() {
        pipe(interactions, interaction(InteractionType.COMPLETE, HOUR.plusSeconds(5)));

        flush();
        TestRecord<String, String> record = counts.readRecord();
        WindowedCount count = EventCodec.instance().decode(record.value(), WindowedCount.class);

        assertThat(record.key()).isEqualTo("interactions.complete@2026-11-26T10:00:00Z");
        assertThat(count.windowEnd()).isEqualTo(HOUR.plusSeconds(3600));
        assertThat(header(record, "ce_type")).isEqualTo("dev.marquee.analytics.windowed-count.v1");
        assertThat(header(record, "ce_id")).isEqualTo("interactions.complete@2026-11-26T10:00:00Z/1");
    }

    @Test
    void invalidRecordsAreDeadLetteredWithTheReasonAndNotCounted() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_type", "dev.marquee.dialogue.turn-completed.v1".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", "t-bad".getBytes(StandardCharsets.UTF_8));
        turns.pipeInput(new TestRecord<>("u-1", "{\"turnId\": 7}", headers, HOUR));
        turns.pipeInput(new TestRecord<>("u-1", "not json", headers, HOUR));
        turns.pipeInput("u-1", "{}");

        List<TestRecord<String, String>> dead = deadLetters.readRecordsToList();

        assertThat(dead).hasSize(3);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("turnId");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("not JSON");
        assertThat(dead.get(1).value()).isEqualTo("not json");
        assertThat(header(dead.get(2), "dead-letter-reason")).contains("ce_type");
        flush();
        assertThat(counts.isEmpty()).isTrue();
    }

    @Test
    void aRedeliveredEventIsCountedOnce() {
        EventEnvelope turn = turn(HOUR.plusSeconds(30));
        pipe(turns, turn);
        pipe(turns, turn);
        pipe(turns, turn(HOUR.plusSeconds(40)));

        assertThat(latestCounts()).containsEntry("turns@2026-11-26T10:00:00Z", 2L);
    }

    @Test
    void countsStayQueryableLongAfterTheirWindowClosed() {
        pipe(turns, turn(HOUR.plusSeconds(60)));
        pipe(turns, turn(HOUR.plus(Duration.ofDays(3))));

        flush();
        WindowStore<String, Long> store = driver.getWindowStore(AnalyticsTopology.COUNTS_STORE);
        try (WindowStoreIterator<Long> old = store.fetch("turns", HOUR, HOUR)) {
            assertThat(old.hasNext()).isTrue();
            assertThat(old.next().value).isEqualTo(1L);
        }
    }

    /** Lets every task forward its pending counts (they are combined between flushes). */
    private void flush() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    private Map<String, Long> latestCounts() {
        flush();
        return counts.readRecordsToList().stream().collect(Collectors.toMap(TestRecord::key,
                r -> EventCodec.instance().decode(r.value(), WindowedCount.class).count(), (a, b) -> b));
    }

    private static void pipe(TestInputTopic<String, String> topic, EventEnvelope event) {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        topic.pipeInput(new TestRecord<>(event.key(), EventCodec.instance().encode(event.data()), headers,
                event.time()));
    }

    private static EventEnvelope turn(Instant at) {
        String id = UUID.randomUUID().toString();
        return EventEnvelope.forUser("u-1", id, "/marquee/dialogue-service", at,
                new TurnCompleted(id, "c-1", "u-1", "marquee", "marquee-host@1", "web", "greeting",
                        "offline-catalog-responder", List.of(), List.of(), false, false, 5, null, null, at));
    }

    private static EventEnvelope interaction(InteractionType type, Instant at) {
        String id = UUID.randomUUID().toString();
        return EventEnvelope.forUser("u-1", id, "/marquee/gateway-service", at,
                new Interaction(id, "u-1", "mv-0001", type, null, null, "home", "marquee", "web", at));
    }

    private static String header(TestRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
