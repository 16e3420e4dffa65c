package dev.marquee.analytics.streams;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.EventType;
import dev.marquee.events.Topic;
import dev.marquee.events.WindowedCount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
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
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Counts the suite's events per metric in tumbling event-time windows. Each input record is screened
 * ({@link Screen}: CloudEvents attributes, de-duplication by {@code ce_id}, schema); invalid ones go to
 * {@code marquee.analytics.dlq.v1} with a {@code dead-letter-reason} header.
 * Every update of a window's count is published on {@code marquee.analytics.counts.v1} (key
 * {@code metric@windowStart}) and kept in the {@value #COUNTS_STORE} store for interactive queries.
 */
@ApplicationScoped
public class CountsTopology {
    public static final String COUNTS_STORE = "counts-by-window";
    static final String SERVICE = "analytics-service";

    private final AnalyticsConfig config;

    public CountsTopology(AnalyticsConfig config) {
        this.config = config;
    }

    @Produces
    public Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(Screen.SEEN_STORE, config.deduplicationWindow().multipliedBy(2),
                        config.deduplicationWindow(), false),
                Serdes.String(), Serdes.Long()));
        KStream<String, Classified> classified = input(builder, EventType.TURN_COMPLETED)
                .merge(input(builder, EventType.TURN_FEEDBACK), Named.as("merge-feedback"))
                .merge(input(builder, EventType.INTERACTION), Named.as("merge-interactions"))
                .merge(input(builder, EventType.RECOMMENDATION_SERVED), Named.as("merge-served"))
                .processValues(() -> new Screen(config.deduplicationWindow()), Named.as("screen"), Screen.SEEN_STORE);

        classified.split(Named.as("validity-"))
                .branch((key, c) -> !c.valid(), Branched.withConsumer(invalid -> invalid
                        .processValues(DeadLetter::new, Named.as("dead-letter-reason"))
                        .to(Topic.ANALYTICS_DLQ.topicName(), Produced.with(Serdes.String(), Serdes.String())),
                        "invalid"))
                .defaultBranch(Branched.withConsumer(valid -> valid
                        .selectKey((key, c) -> c.metric(), Named.as("key-by-metric"))
                        .mapValues(Classified::metric, Named.as("metric-name"))
                        .groupByKey(Grouped.with("by-metric", Serdes.String(), Serdes.String()))
                        .windowedBy(TimeWindows.ofSizeAndGrace(config.window(), config.grace()))
                        .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(COUNTS_STORE)
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
        return builder.build();
    }

    private static KStream<String, String> input(StreamsBuilder builder, EventType type) {
        String topic = Topic.of(type).topicName();
        return builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String())
                .withTimestampExtractor(new CloudEventTimeExtractor())
                .withName("read-" + topic));
    }

    static WindowedCount toCount(Windowed<String> window, Long count) {
        return new WindowedCount(window.key(), window.window().startTime(), window.window().endTime(),
                count == null ? 0 : count, Instant.now());
    }

    /** Keeps the rejected record as it was and says why it was rejected. */
    static final class DeadLetter implements FixedKeyProcessor<String, Classified, String> {
        private FixedKeyProcessorContext<String, String> context;

        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, Classified> record) {
            record.headers().add("dead-letter-reason", record.value().problem().getBytes(StandardCharsets.UTF_8));
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
            var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
            envelope.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
            context.forward(record.withValue(EventCodec.instance().encode(count)).withHeaders(headers));
        }
    }
}
