package dev.marquee.analytics.streams;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Sums a task keeps between flushes, per key and window, so that one record per key and window crosses a
 * repartition topic instead of one per event. The store is logged (pending sums commit with the input offsets:
 * exactly once survives a crash between flushes) and cached (its changelog gets one record per key and window per
 * commit).
 */
final class PendingTallies {
    private final KeyValueStore<String, Tally> store;

    PendingTallies(KeyValueStore<String, Tally> store) {
        this.store = store;
    }

    /** Adds a fact with its event time to the pending sum of its aggregate and window. */
    void add(String key, long window, Fact fact, long time) {
        String pendingKey = key + "@" + window;
        Tally tally = store.get(pendingKey);
        store.put(pendingKey, (tally == null ? Tally.none() : tally).add(fact, time));
    }

    /** Counts one event with its event time in the pending count of its key and window. */
    void count(String key, long window, long time) {
        String pendingKey = key + "@" + window;
        Tally tally = store.get(pendingKey);
        store.put(pendingKey, (tally == null ? Tally.none() : tally).count(time));
    }

    /** Forwards every pending sum, keyed without its window and stamped with its latest event time, and clears. */
    void flush(ProcessorContext<String, Tally> context) {
        List<KeyValue<String, Tally>> tallies = new ArrayList<>();
        try (KeyValueIterator<String, Tally> it = store.all()) {
            it.forEachRemaining(tallies::add);
        }
        for (KeyValue<String, Tally> kv : tallies) {
            context.forward(new Record<>(kv.key.substring(0, kv.key.lastIndexOf('@')), kv.value, kv.value.latest()));
            store.delete(kv.key);
        }
    }
}
