package dev.marquee.analytics.streams;

import dev.marquee.commons.problem.ProblemException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import java.util.Locale;

/** The topology's window stores for interactive queries, or a 503 problem while they cannot be read. */
final class QueryableStores {
    private QueryableStores() {
    }

    static <V> ReadOnlyWindowStore<String, V> windowStore(KafkaStreams streams, String name) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw ProblemException.unavailable("analytics", "the aggregates are " + streams.state()
                    .name().toLowerCase(Locale.ROOT) + "; try again shortly");
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.windowStore()));
        } catch (InvalidStateStoreException e) {
            throw ProblemException.unavailable("analytics", "the aggregates are being rebuilt; try again shortly");
        }
    }
}
