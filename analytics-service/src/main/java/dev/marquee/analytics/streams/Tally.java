package dev.marquee.analytics.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Sums of one aggregate in one window: the family's counters, a latency histogram (model usage only) and the
 * latest event time added. A partial tally (what one task saw since its last flush) travels through the
 * repartition topic and is merged into the window's tally.
 */
final class Tally {
    /** The binary form in repartition topics, state stores and changelogs. */
    static final Serde<Tally> SERDE = Serdes.serdeFrom(new TallySerializer(), new TallyDeserializer());

    private long[] counters;
    private long[] latencies;
    private long latest;

    private Tally(long[] counters, long[] latencies, long latest) {
        this.counters = counters;
        this.latencies = latencies;
        this.latest = latest;
    }

    /** A tally before its first fact, whose family it does not know yet. */
    static Tally none() {
        return new Tally(new long[0], new long[0], Long.MIN_VALUE);
    }

    long[] counters() {
        return counters;
    }

    long[] latencies() {
        return latencies;
    }

    /** The latest event time added. */
    long latest() {
        return latest;
    }

    /** Adds a fact at an event time, in place; returns this tally. */
    Tally add(Fact fact, long time) {
        fit(fact.family().counters(), fact.family().latency() ? LatencyHistogram.BOUNDS.length : 0);
        for (int i = 0; i < fact.counters().length; i++) {
            counters[i] += fact.counters()[i];
        }
        if (fact.latencyBucket() >= 0) {
            latencies[fact.latencyBucket()]++;
        }
        latest = Math.max(latest, time);
        return this;
    }

    /** Counts one event at an event time in counter 0 (the per-metric counts), in place; returns this tally. */
    Tally count(long time) {
        fit(1, 0);
        counters[0]++;
        latest = Math.max(latest, time);
        return this;
    }

    /** Adds another tally of the same aggregate, in place; returns this tally (the windowed aggregator). */
    Tally merge(Tally other) {
        fit(other.counters.length, other.latencies.length);
        for (int i = 0; i < other.counters.length; i++) {
            counters[i] += other.counters[i];
        }
        for (int i = 0; i < other.latencies.length; i++) {
            latencies[i] += other.latencies[i];
        }
        latest = Math.max(latest, other.latest);
        return this;
    }

    private void fit(int counterCount, int latencyCount) {
        if (counters.length < counterCount) {
            counters = java.util.Arrays.copyOf(counters, counterCount);
        }
        if (latencies.length < latencyCount) {
            latencies = java.util.Arrays.copyOf(latencies, latencyCount);
        }
    }

    /** Sum of every counter and bucket: it grows with each fact, so it tells updates of a window apart. */
    long total() {
        long total = 0;
        for (long c : counters) {
            total += c;
        }
        for (long c : latencies) {
            total += c;
        }
        return total;
    }

    long users() {
        return counters.length == 0 ? 0 : counters[Family.USERS];
    }

    private static final class TallySerializer implements Serializer<Tally> {
        @Override
        public byte[] serialize(String topic, Tally tally) {
            if (tally == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate(2 + 8 * (tally.counters.length + tally.latencies.length + 1));
            b.put((byte) tally.counters.length).put((byte) tally.latencies.length);
            for (long c : tally.counters) {
                b.putLong(c);
            }
            for (long c : tally.latencies) {
                b.putLong(c);
            }
            b.putLong(tally.latest);
            return b.array();
        }
    }

    private static final class TallyDeserializer implements Deserializer<Tally> {
        @Override
        public Tally deserialize(String topic, byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            try {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                long[] counters = new long[b.get()];
                long[] latencies = new long[b.get()];
                for (int i = 0; i < counters.length; i++) {
                    counters[i] = b.getLong();
                }
                for (int i = 0; i < latencies.length; i++) {
                    latencies[i] = b.getLong();
                }
                return new Tally(counters, latencies, b.getLong());
            } catch (BufferUnderflowException | NegativeArraySizeException e) {
                throw new SerializationException("not a tally: " + bytes.length + " bytes", e);
            }
        }
    }
}
