package dev.marquee.analytics.streams;

import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.EventType;
import dev.marquee.events.Topic;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The first step of every input record: checks its CloudEvents attributes, validates the payload against the
 * schema of its topic's type, and drops a copy of a valid event already seen (same {@code ce_id} and key within
 * the de-duplication window: the producers deliver at least once, always under the event's key). The ids are kept
 * {@link Observations#userScoped under the user}, so that an erasure removes them with the rest. An event of an
 * erased user from before their erasure ({@value UserState#ERASED_STORE}) is dropped: it was in flight when the
 * erasure ran, and would bring the user back.
 */
final class Screen implements FixedKeyProcessor<String, byte[], Classified> {
    static final String SEEN_STORE = "seen-event-ids";
    /** The event type each topic carries, looked up for every record. */
    private static final Map<String, EventType> TYPES = Arrays.stream(Topic.values())
            .filter(t -> t.eventType().isPresent())
            .collect(Collectors.toUnmodifiableMap(Topic::topicName, t -> t.eventType().orElseThrow()));

    private final Duration window;
    private FixedKeyProcessorContext<String, Classified> context;
    private WindowStore<String, Long> seen;
    private KeyValueStore<String, Long> erased;

    Screen(Duration window) {
        this.window = window;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Classified> context) {
        this.context = context;
        this.seen = context.getStateStore(SEEN_STORE);
        this.erased = context.getStateStore(UserState.ERASED_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        Optional<EventType> type = Optional.ofNullable(TYPES.get(topic));
        if (type.isEmpty()) {
            context.forward(record.withValue(new Classified(null, "no event type for topic " + topic, record.value())));
            return;
        }
        String ceType = header(record, CloudEventHeaders.TYPE);
        if (!type.get().ceType().equals(ceType)) {
            context.forward(record.withValue(new Classified(null, ceType == null ? "the ce_type header is missing"
                    : "ce_type is '" + ceType + "', expected '" + type.get().ceType() + "'", record.value())));
            return;
        }
        String id = header(record, CloudEventHeaders.ID);
        if (id == null || id.isBlank()) {
            context.forward(record.withValue(new Classified(null, "the ce_id header is missing", record.value())));
            return;
        }
        Long erasedAt = record.key() == null ? null : erased.get(record.key());
        if (erasedAt != null && record.timestamp() <= erasedAt) {
            // An event of an erased user from before the erasure, arriving after it: it must not bring them back.
            return;
        }
        Classified classified = Metrics.classify(type.get(), record.value());
        if (classified.valid()) {
            // Only valid events are remembered: a corrected event may reuse the id of a rejected one.
            long time = record.timestamp();
            String seenKey = Observations.userScoped(record.key(), id);
            try (WindowStoreIterator<Long> earlier = seen.fetch(seenKey, time - window.toMillis(),
                    time + window.toMillis())) {
                if (earlier.hasNext()) {
                    return;
                }
            }
            seen.put(seenKey, time, time);
        }
        context.forward(record.withValue(classified));
    }

    private static String header(FixedKeyRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
