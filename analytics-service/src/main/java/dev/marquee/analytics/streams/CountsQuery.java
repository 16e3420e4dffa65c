package dev.marquee.analytics.streams;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.events.WindowedCount;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Interactive queries over the windowed counts this instance holds. */
@ApplicationScoped
public class CountsQuery {
    private final KafkaStreams streams;
    private final AnalyticsConfig config;

    public CountsQuery(KafkaStreams streams, AnalyticsConfig config) {
        this.streams = streams;
        this.config = config;
    }

    /** Counts of windows starting in [from, to], for one metric or all, ordered by window then metric. */
    public List<WindowedCount> counts(String metric, Instant from, Instant to) {
        ReadOnlyWindowStore<String, Long> store = store();
        List<WindowedCount> counts = new ArrayList<>();
        Instant now = Instant.now();
        if (metric != null) {
            try (WindowStoreIterator<Long> it = store.fetch(metric, from, to)) {
                it.forEachRemaining(kv -> counts.add(count(metric, kv.key, kv.value, now)));
            }
        } else {
            try (KeyValueIterator<Windowed<String>, Long> it = store.fetchAll(from, to)) {
                it.forEachRemaining(kv -> counts.add(count(kv, now)));
            }
        }
        counts.sort(Comparator.comparing(WindowedCount::windowStart).thenComparing(WindowedCount::metric));
        return counts;
    }

    private WindowedCount count(String metric, long windowStart, long value, Instant now) {
        Instant start = Instant.ofEpochMilli(windowStart);
        return new WindowedCount(metric, start, start.plus(config.window()), value, now);
    }

    private WindowedCount count(KeyValue<Windowed<String>, Long> kv, Instant now) {
        return new WindowedCount(kv.key.key(), kv.key.window().startTime(), kv.key.window().endTime(), kv.value, now);
    }

    private ReadOnlyWindowStore<String, Long> store() {
        return QueryableStores.windowStore(streams, AnalyticsTopology.COUNTS_STORE);
    }
}
