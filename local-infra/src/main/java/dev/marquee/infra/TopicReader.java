package dev.marquee.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a topic from its beginning, outside any consumer group: for tests and for {@code ./marquee topic}. */
public final class TopicReader {
    private TopicReader() {
    }

    /** A consumer assigned every partition of the topic, positioned at the beginning. */
    public static KafkaConsumer<String, String> fromBeginning(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Every record on the topic now (up to the end offsets seen at the start), or what arrived within the timeout. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic, Duration timeout) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromBeginning(bootstrapServers, topic)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            Instant deadline = Instant.now().plus(timeout);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }
}
