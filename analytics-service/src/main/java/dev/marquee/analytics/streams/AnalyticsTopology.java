package dev.marquee.analytics.streams;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.events.ConversionWindow;
import dev.marquee.events.EngagementWindow;
import dev.marquee.events.InvalidEventException;
import dev.marquee.events.ModelUsageWindow;
import dev.marquee.events.SatisfactionWindow;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.EventType;
import dev.marquee.events.Topic;
import dev.marquee.events.WindowedCount;
import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The analytics topology. Each input record is screened ({@link Screen}: CloudEvents attributes, de-duplication
 * by {@code ce_id}, schema); invalid ones go to {@code marquee.analytics.dlq.v1} with a {@code dead-letter-reason}
 * header. Valid events feed two things:
 * <ul>
 *     <li><b>counts</b> per metric in tumbling event-time windows: every update of a window's count is published on
 *     {@code marquee.analytics.counts.v1} (key {@code metric@windowStart}) and kept in {@value #COUNTS_STORE};</li>
 *     <li><b>aggregates</b> (engagement, satisfaction, conversion, model usage) per dimensions in hourly and daily
 *     windows: {@link Observations} turns each event into facts on its user's partition, the facts are
 *     repartitioned by aggregate and summed per window ({@value #HOURLY_STORE}, {@value #DAILY_STORE}), and every
 *     update over at least k users is published on the family's analyst topic.</li>
 * </ul>
 */
@ApplicationScoped
public class AnalyticsTopology {
    public static final String COUNTS_STORE = "counts-by-window";
    public static final String HOURLY_STORE = "aggregates-hour";
    public static final String DAILY_STORE = "aggregates-day";
    static final String PENDING_COUNTS_STORE = "pending-counts";
    static final String SERVICE = "analytics-service";
    /** Header of a dead-lettered record saying why it was rejected. */
    static final String DEAD_LETTER_REASON = "dead-letter-reason";
    private static final Logger LOG = Logger.getLogger(AnalyticsTopology.class);

    private final AnalyticsConfig config;
    private final MeterRegistry registry;

    @Inject
    public AnalyticsTopology(AnalyticsConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Without a metrics registry of the application (topology tests). */
    public AnalyticsTopology(AnalyticsConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    @Produces
    public Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(PendingTallies.builder(PENDING_COUNTS_STORE));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(Screen.SEEN_STORE, config.deduplicationWindow().multipliedBy(2),
                        config.deduplicationWindow(), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(UserState.ERASED_STORE), Serdes.String(), Serdes.Long()));
        KStream<String, Classified> classified = input(builder, EventType.TURN_COMPLETED)
                .merge(input(builder, EventType.TURN_FEEDBACK), Named.as("merge-feedback"))
                .merge(input(builder, EventType.INTERACTION), Named.as("merge-interactions"))
                .merge(input(builder, EventType.RECOMMENDATION_SERVED), Named.as("merge-served"))
                .processValues(() -> new Screen(config.deduplicationWindow()), Named.as("screen"), Screen.SEEN_STORE,
                        UserState.ERASED_STORE);

        classified.split(Named.as("validity-"))
                .branch((key, c) -> !c.valid(), Branched.withConsumer(invalid -> invalid
                        .processValues(DeadLetter::new, Named.as("dead-letter-reason"))
                        .to(Topic.ANALYTICS_DLQ.topicName(), Produced.with(Serdes.String(), Serdes.ByteArray())),
                        "invalid"))
                .defaultBranch(Branched.withConsumer(valid -> valid
                        .process(() -> new MetricCounts(config), Named.as("count-metrics"), PENDING_COUNTS_STORE)
                        .groupByKey(Grouped.with("by-metric", Serdes.String(), Tally.SERDE))
                        .windowedBy(TimeWindows.ofSizeAndGrace(config.window(), config.grace()))
                        .aggregate(() -> 0L, (metric, partial, count) -> count + partial.counters()[0],
                                Named.as("sum-counts"),
                                Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(COUNTS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long())
                                .withRetention(config.retention()))
                        .toStream(Named.as("count-updates"))
                        .map((window, count) -> {
                            WindowedCount value = toCount(window, count);
                            return KeyValue.pair(value.key(), value);
                        }, Named.as("to-windowed-count"))
                        .processValues(CloudEventStamp::new, Named.as("cloud-event-headers"))
                        .to(Topic.ANALYTICS_COUNTS.topicName(), Produced.with(Serdes.String(), Serdes.String())),
                        "valid"));
        aggregates(builder, classified.filter((key, c) -> c.valid(), Named.as("valid-events")));
        return builder.build();
    }

    /**
     * Counts each valid event under its metric in its window on the task; the counts are forwarded in each commit
     * ({@link PendingTallies}). An event later than the grace period after its window ended is not counted.
     */
    static final class MetricCounts implements Processor<String, Classified, String, Tally> {
        private final AnalyticsConfig config;
        private ProcessorContext<String, Tally> context;
        private PendingTallies pending;

        MetricCounts(AnalyticsConfig config) {
            this.config = config;
        }

        @Override
        public void init(ProcessorContext<String, Tally> context) {
            this.context = context;
            pending = context.getStateStore(PENDING_COUNTS_STORE);
            pending.forwardFrom(context);
        }

        @Override
        public void process(Record<String, Classified> record) {
            long size = config.window().toMillis();
            long window = record.timestamp() - Math.floorMod(record.timestamp(), size);
            if (window + size + config.grace().toMillis() <= context.currentStreamTimeMs()) {
                return;
            }
            pending.count(record.value().metric(), window, record.timestamp());
        }
    }

    /** Window store name of a granularity's aggregates. */
    static String storeOf(Granularity granularity) {
        return granularity == Granularity.HOUR ? HOURLY_STORE : DAILY_STORE;
    }

    private void aggregates(StreamsBuilder builder, KStream<String, Classified> valid) {
        Duration grace = config.grace().compareTo(config.attributionWindow()) >= 0 ? config.grace()
                : config.attributionWindow();
        // Markers live as long as the latest window they can still change: a day, or a list's attribution window.
        Duration markers = Granularity.DAY.size().compareTo(config.attributionWindow()) >= 0
                ? Granularity.DAY.size() : config.attributionWindow();
        builder.addStateStore(windowStore(Observations.FIRST_SEEN_STORE, markers.plus(grace).plusHours(1),
                Granularity.DAY.size(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Observations.FIRST_ACTIVE_STORE), Serdes.String(), Serdes.Long()));
        Duration sessions = Granularity.DAY.size().plus(config.sessionTimeout());
        builder.addStateStore(windowStore(Observations.SESSIONS_STORE,
                (sessions.compareTo(config.feedbackWindow()) >= 0 ? sessions : config.feedbackWindow()).plus(grace),
                Granularity.DAY.size(), Serdes.String()));
        builder.addStateStore(PendingTallies.builder(Observations.PENDING_STORE));
        builder.addStateStore(windowStore(Observations.SERVED_STORE, config.attributionWindow().plus(grace),
                config.attributionWindow(), Serdes.String()));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Observations.CONSENT_STORE), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                Topic.PRIVACY_CONSENT.topicName(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("read-consent"),
                AnalyticsConsent::new);

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(UserState.RECEIPTS_STORE), Serdes.String(), Serdes.String()));
        // Erasure and export requests are keyed by user like the events, so they reach the task with the user's
        // entries; answers (and requests that break the contract) go where their headers say.
        builder.stream(List.of(Topic.PRIVACY_ERASURE_REQUESTS.topicName(), Topic.PRIVACY_EXPORT_REQUESTS.topicName()),
                        Consumed.with(Serdes.String(), Serdes.String()).withName("read-privacy-requests")
                                // Requests carry no event time: they must not move the task's stream time, by
                                // which events are judged late.
                                .withTimestampExtractor((record, partitionTime) -> Math.max(partitionTime, 0)))
                .process(UserState::new, Named.as("user-state"), Screen.SEEN_STORE, Observations.FIRST_SEEN_STORE,
                        Observations.FIRST_ACTIVE_STORE, Observations.SESSIONS_STORE, Observations.SERVED_STORE,
                        UserState.RECEIPTS_STORE, UserState.ERASED_STORE)
                .to((key, value, context) -> answerTopic(context.headers()),
                        Produced.<String, String>with(Serdes.String(), Serdes.String()).withName("privacy-answers"));

        Counter late = registry.counter("marquee.analytics.late.events");
        KStream<String, Tally> observed = valid.process(() -> new Observations(config, grace, late::increment),
                Named.as("observe"), Observations.FIRST_SEEN_STORE, Observations.FIRST_ACTIVE_STORE,
                Observations.SESSIONS_STORE, Observations.PENDING_STORE, Observations.SERVED_STORE);
        Aggregates aggregates = new Aggregates(config);
        for (Granularity g : Granularity.values()) {
            KStream<Windowed<String>, Tally> updates = observed
                    .filter((key, partial) -> key.startsWith(g.wireName() + "|", key.indexOf('|') + 1),
                            Named.as("facts-" + g.wireName()))
                    .groupByKey(Grouped.with("by-aggregate-" + g.wireName(), Serdes.String(), Tally.SERDE))
                    .windowedBy(TimeWindows.ofSizeAndGrace(g.size(), grace))
                    .aggregate(Tally::none, (key, partial, tally) -> tally.merge(partial),
                            Named.as("sum-" + g.wireName()),
                            Materialized.<String, Tally, WindowStore<Bytes, byte[]>>as(storeOf(g))
                                    .withKeySerde(Serdes.String())
                                    .withValueSerde(Tally.SERDE)
                                    .withRetention(config.retention().compareTo(g.size().plus(grace)) >= 0
                                            ? config.retention() : g.size().plus(grace)))
                    .toStream(Named.as("aggregate-updates-" + g.wireName()))
                    .filter((window, tally) -> aggregates.publishable(tally),
                            Named.as("k-anonymous-" + g.wireName()));
            for (Family family : Family.values()) {
                updates.filter((window, tally) -> window.key().startsWith(family.wireName() + "|"),
                                Named.as(family.wireName() + "-" + g.wireName()))
                        .process(() -> new Publish(aggregates, family),
                                Named.as("publish-" + family.wireName() + "-" + g.wireName()))
                        .to(family.topic().topicName(), Produced.with(Serdes.String(), Serdes.String()));
            }
        }
    }

    private static <V> org.apache.kafka.streams.state.StoreBuilder<WindowStore<String, V>> windowStore(
            String name, Duration retention, Duration windowSize, org.apache.kafka.common.serialization.Serde<V> values) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, windowSize, false),
                Serdes.String(), values);
    }

    /** Where an answer of {@link UserState} goes: its event type's topic, or the dead-letter topic. */
    private static String answerTopic(org.apache.kafka.common.header.Headers headers) {
        if (headers.lastHeader(DEAD_LETTER_REASON) != null) {
            return Topic.ANALYTICS_DLQ.topicName();
        }
        String type = new String(headers.lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8);
        return type.equals(EventType.ERASURE_COMPLETED.ceType()) ? Topic.PRIVACY_ERASURE_COMPLETIONS.topicName()
                : Topic.PRIVACY_EXPORT_CONTRIBUTIONS.topicName();
    }

    /** Keeps, per user, the brands in which analytics consent is given, from the compacted consent topic. */
    static final class AnalyticsConsent implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(Observations.CONSENT_STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
                return;
            }
            try {
                ConsentChanged consent = EventCodec.instance().decode(record.value(), ConsentChanged.class);
                store.put(record.key(), Observations.consentValue(consent.brandsGranting(ConsentPurpose.ANALYTICS)));
            } catch (InvalidEventException e) {
                // Not counted as consent; privacy-service owns the topic and its validation.
                LOG.warnf("ignoring an invalid consent record for %s: %s", record.key(), e.getMessage());
            }
        }
    }

    /** Publishes a window's update as the family's analyst record with CloudEvents headers. */
    static final class Publish implements Processor<Windowed<String>, Tally, String, String> {
        private final Aggregates aggregates;
        private final Family family;
        private ProcessorContext<String, String> context;

        Publish(Aggregates aggregates, Family family) {
            this.aggregates = aggregates;
            this.family = family;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<Windowed<String>, Tally> record) {
            Aggregates.Key key = Aggregates.Key.parse(record.key().key());
            Instant now = Instant.now();
            Object value = aggregates.toRecord(key, record.key().window().start(), record.value(), now);
            EventType type = family.topic().eventType().orElseThrow();
            String recordKey = recordKey(value);
            EventEnvelope envelope = new EventEnvelope(family.topic(), recordKey,
                    recordKey + "/" + record.value().total(), type, CloudEventHeaders.sourceOf(SERVICE), now, null,
                    value);
            context.forward(new Record<>(recordKey, EventCodec.instance().encode(value), record.timestamp(),
                    headersOf(envelope)));
        }

        private static String recordKey(Object value) {
            return switch (value) {
                case EngagementWindow e -> e.key();
                case SatisfactionWindow s -> s.key();
                case ConversionWindow c -> c.key();
                case ModelUsageWindow m -> m.key();
                default -> throw new IllegalStateException("not an aggregate: " + value);
            };
        }
    }

    /** An input topic; values stay bytes, parsed as JSON straight from them ({@link Screen}). */
    private static KStream<String, byte[]> input(StreamsBuilder builder, EventType type) {
        String topic = Topic.of(type).topicName();
        return builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withTimestampExtractor(new CloudEventTimeExtractor())
                .withName("read-" + topic));
    }

    static WindowedCount toCount(Windowed<String> window, Long count) {
        return new WindowedCount(window.key(), window.window().startTime(), window.window().endTime(),
                count == null ? 0 : count, Instant.now());
    }

    /** The CloudEvents headers of an output record, replacing those of the input event. */
    static org.apache.kafka.common.header.Headers headersOf(EventEnvelope envelope) {
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        envelope.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** Keeps the rejected record as it was and says why it was rejected. */
    static final class DeadLetter implements FixedKeyProcessor<String, Classified, byte[]> {
        private FixedKeyProcessorContext<String, byte[]> context;

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, Classified> record) {
            record.headers().add(DEAD_LETTER_REASON, record.value().problem().getBytes(StandardCharsets.UTF_8));
            context.forward(record.withValue(record.value().raw()));
        }
    }

    /** Encodes each aggregate with CloudEvents headers, replacing those of the input event. */
    static final class CloudEventStamp implements FixedKeyProcessor<String, WindowedCount, String> {
        private FixedKeyProcessorContext<String, String> context;

        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, WindowedCount> record) {
            WindowedCount count = record.value();
            EventEnvelope envelope = new EventEnvelope(Topic.ANALYTICS_COUNTS, count.key(),
                    count.key() + "/" + count.count(), EventType.WINDOWED_COUNT,
                    CloudEventHeaders.sourceOf(SERVICE), count.updatedAt(), null, count);
            context.forward(record.withValue(EventCodec.instance().encode(count)).withHeaders(headersOf(envelope)));
        }
    }
}
