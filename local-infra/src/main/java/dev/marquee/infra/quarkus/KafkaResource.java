package dev.marquee.infra.quarkus;

import dev.marquee.infra.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a Quarkus test at the JVM's shared real Kafka broker (KRaft, in-JVM), with every catalogue topic created.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.kafka-streams.bootstrap-servers", bootstrap);
    }

    @Override
    public void stop() {
        // The broker is shared by all tests of the JVM and stops when the JVM exits.
    }
}
