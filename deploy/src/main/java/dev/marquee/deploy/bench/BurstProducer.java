package dev.marquee.deploy.bench;

import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The benchmarks' (and the crash test's) producer of event bursts: large lz4 batches sent without waiting for each answer, each event as
 * Marquee's producers write it (JSON payload, CloudEvents headers, the topic of its type).
 */
public final class BurstProducer {
    private BurstProducer() {
    }

    public static KafkaProducer<String, String> open(String bootstrapServers) {
        return new KafkaProducer<>(properties(bootstrapServers));
    }

    private static Properties properties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }

    /**
     * A producer whose bursts a read-committed consumer sees only at the commit of their transaction (allowed ten
     * minutes).
     */
    public static KafkaProducer<String, String> openTransactional(String bootstrapServers, String transactionalId) {
        Properties props = properties(bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Integer.toString(600_000));
        return new KafkaProducer<>(props);
    }

    public static void send(KafkaProducer<String, String> producer, EventEnvelope event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic().topicName(), event.key(),
                EventCodec.instance().encode(event.data()));
        event.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }
}
