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
        // Kafka Streams services point quarkus.kafka-streams.bootstrap-servers at kafka.bootstrap.servers themselves.
        return Map.of("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker is shared by all tests of the JVM and stops when the JVM exits.
    }
}
