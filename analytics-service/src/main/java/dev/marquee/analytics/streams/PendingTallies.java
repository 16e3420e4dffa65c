package dev.marquee.analytics.streams;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums a task keeps between commits, per key and window, so that one record per key and window and commit crosses
 * a repartition topic instead of one per event.
 * <p>
 * Exactly once without a changelog: the sums live in a plain map and are forwarded downstream (and the map
 * cleared) <em>inside every commit</em>, before the input offsets go into the transaction: Kafka Streams flushes
 * every store that {@linkplain CachedStateStore caches} at the start of a task's commit, the way its own record
 * caches forward their dirty entries. So the map is empty whenever offsets commit, whatever the reason for the
 * commit (the commit interval, a rebalance, a shutdown); after a crash, the transaction with the forwarded sums
 * aborts and the input is processed again. This replaces a logged, cached key-value store, whose serialisation,
 * cache bookkeeping and changelog cost a fifth of the stream threads' time.
 * <p>
 * It relies on two internal interfaces of Kafka Streams ({@link CachedStateStore}, {@link InternalProcessorContext}),
 * checked by the topology tests (which run the real task code) and by the integration test on the broker.
 */
final class PendingTallies implements StateStore, CachedStateStore<String, Tally> {
    /** How often an idle task still commits. */
    private static final Duration IDLE_COMMITS = Duration.ofSeconds(5);

    private final String name;
    private final Map<Pending, Tally> sums = new LinkedHashMap<>();
    private InternalProcessorContext<String, Tally> context;
    private ProcessorNode<?, ?, ?, ?> node;
    private boolean open;

    private PendingTallies(String name) {
        this.name = name;
    }

    /** The store's builder: in memory, never logged (see the class comment). */
    static StoreBuilder<PendingTallies> builder(String name) {
        return new Builder(name);
    }

    /**
     * Makes the processor that owns this store the one the sums are forwarded from; call it from the processor's
     * {@code init}.
     */
    @SuppressWarnings("unchecked")
    void forwardFrom(ProcessorContext<String, Tally> processorContext) {
        if (!(processorContext instanceof InternalProcessorContext<?, ?> internal) || internal.currentNode() == null) {
            throw new IllegalStateException("pending tallies need the task's own processor context, during init");
        }
        this.context = (InternalProcessorContext<String, Tally>) internal;
        this.node = internal.currentNode();
        // Kafka Streams commits a task only after it processed records or punctuated. The punctuation that used to
        // forward these sums kept idle tasks committing; in one test run of about fifteen without it, an update
        // that was in the store never reached its analyst topic. Until that is understood, a punctuation that
        // does nothing keeps idle tasks committing, well within the producers' 10 s transaction timeout. Every
        // 500 ms (the old flush interval) it cost 13 % of the throughput under load (the analytics bench: 36,500
        // against 43,600 events/s); every 5 s nothing measurable.
        processorContext.schedule(IDLE_COMMITS, PunctuationType.WALL_CLOCK_TIME, now -> {
        });
    }

    /** Adds a fact with its event time to the pending sum of its aggregate and window. */
    void add(String key, long window, Fact fact, long time) {
        sums.computeIfAbsent(new Pending(key, window), k -> Tally.none()).add(fact, time);
    }

    /** Counts one event with its event time in the pending count of its key and window. */
    void count(String key, long window, long time) {
        sums.computeIfAbsent(new Pending(key, window), k -> Tally.none()).count(time);
    }

    /** Whether no sum is pending (so after every commit). */
    boolean isEmpty() {
        return sums.isEmpty();
    }

    /** Forwards every pending sum, keyed without its window and stamped with its latest event time, and clears. */
    @Override
    public void flushCache() {
        if (sums.isEmpty()) {
            return;
        }
        if (context == null) {
            throw new IllegalStateException("no processor forwards the pending tallies of " + name);
        }
        ProcessorNode<?, ?, ?, ?> previousNode = context.currentNode();
        ProcessorRecordContext previousRecord = context.recordContext();
        try {
            context.setCurrentNode(node);
            for (Map.Entry<Pending, Tally> sum : sums.entrySet()) {
                long latest = sum.getValue().latest();
                // As for a punctuation: no input record, hence no topic, partition or offset.
                context.setRecordContext(new ProcessorRecordContext(latest, -1, -1, null, new RecordHeaders()));
                context.forward(new Record<>(sum.getKey().key(), sum.getValue(), latest));
            }
            sums.clear();
        } finally {
            context.setRecordContext(previousRecord);
            context.setCurrentNode(previousNode);
        }
    }

    /** A task closed without committing (a crash, a fenced producer) drops what it had not forwarded. */
    @Override
    public void clearCache() {
        sums.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, Tally> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext stateStoreContext, StateStore root) {
        stateStoreContext.register(root, (key, value) -> {
            throw new IllegalStateException(name + " has no changelog to restore from");
        });
        open = true;
    }

    /** Nothing to write: the sums were forwarded when the commit began ({@link #flushCache()}). */
    @Override
    public void flush() {
    }

    @Override
    public void close() {
        sums.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private record Pending(String key, long window) {
    }

    private static final class Builder implements StoreBuilder<PendingTallies> {
        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<PendingTallies> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<PendingTallies> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<PendingTallies> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException(name + " is forwarded in every commit and has no changelog");
        }

        @Override
        public StoreBuilder<PendingTallies> withLoggingDisabled() {
            return this;
        }

        @Override
        public PendingTallies build() {
            return new PendingTallies(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
