package dev.marquee.analytics.streams;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.commons.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Interactive queries over the aggregates this instance holds. */
@ApplicationScoped
public class AggregatesQuery {
    private final KafkaStreams streams;
    private final Aggregates aggregates;

    public AggregatesQuery(KafkaStreams streams, AnalyticsConfig config) {
        this.streams = streams;
        this.aggregates = new Aggregates(config);
    }

    /**
     * The aggregates of one family and granularity in windows starting in [from, to], ordered by window start,
     * each as the record its analyst topic carries.
     *
     * @param family        {@code engagement}, {@code satisfaction}, {@code conversion} or {@code model-usage}
     * @param granularity   {@code hour} or {@code day}
     * @param kAnonymousOnly whether to leave out aggregates over fewer than k users (as the analyst topics do)
     */
    public List<Object> aggregates(String family, String granularity, Instant from, Instant to,
                                   boolean kAnonymousOnly) {
        Family f;
        Granularity g;
        try {
            f = Family.fromWireName(family);
            g = Granularity.fromWireName(granularity);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        String prefix = f.wireName() + "|" + g.wireName() + "|";
        List<Object> found = new ArrayList<>();
        Instant now = Instant.now();
        try (KeyValueIterator<Windowed<String>, Tally> it = store(g).fetchAll(from, to)) {
            while (it.hasNext()) {
                var kv = it.next();
                if (kv.key.key().startsWith(prefix) && (!kAnonymousOnly || aggregates.publishable(kv.value))) {
                    found.add(aggregates.toRecord(Aggregates.Key.parse(kv.key.key()), kv.key.window().start(),
                            kv.value, now));
                }
            }
        }
        return found;
    }

    private ReadOnlyWindowStore<String, Tally> store(Granularity granularity) {
        return QueryableStores.windowStore(streams, AnalyticsTopology.storeOf(granularity));
    }
}
