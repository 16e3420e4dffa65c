package dev.marquee.infra;

import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Reads and writes real topics from tests: waits for the records a test expects, and sends raw records
 * (including poison ones) the way any producer could.
 */
public final class KafkaTestClient implements AutoCloseable {
    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** A client of the JVM's shared test broker. */
    public static KafkaTestClient forSharedBroker() {
        return new KafkaTestClient(KafkaBroker.shared().bootstrapServers());
    }

    /** Publishes an event as Marquee's producers do: JSON payload plus CloudEvents headers. */
    public RecordMetadata send(EventEnvelope event) {
        return send(event.topic().topicName(), event.key(), EventCodec.instance().encode(event.data()),
                event.headers());
    }

    /**
     * Publishes an event with a given record timestamp, as if its producer had sent it then: an event that was in
     * flight, say.
     */
    public RecordMetadata send(EventEnvelope event, java.time.Instant publishedAt) {
        return send(new ProducerRecord<>(event.topic().topicName(), null, publishedAt.toEpochMilli(), event.key(),
                EventCodec.instance().encode(event.data())), event.headers());
    }

    public RecordMetadata send(String topic, String key, String value, Map<String, String> headers) {
        return send(new ProducerRecord<>(topic, key, value), headers);
    }

    private RecordMetadata send(ProducerRecord<String, String> record, Map<String, String> headers) {
        String topic = record.topic();
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send to " + topic + " failed", e.getCause());
        }
    }

    /**
     * Reads the topic from the beginning until {@code count} records match, or fails after the timeout
     * saying how many were found.
     */
    public List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                      int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        java.util.ArrayDeque<String> last = new java.util.ArrayDeque<>();
        long read = 0;
        int partitions;
        try (KafkaConsumer<String, String> consumer = TopicReader.fromBeginning(bootstrapServers, topic)) {
            partitions = consumer.assignment().size();
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    if (last.size() == 5) {
                        last.removeFirst();
                    }
                    last.addLast(record.partition() + "@" + record.offset() + " " + record.key() + " = "
                            + record.value());
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
                if (found.size() >= count) {
                    return found;
                }
            }
        }
        // What was there instead, so that a failure says whether nothing arrived or something else did.
        throw new AssertionError("expected " + count + " matching record(s) on " + topic + " within " + timeout
                + " but found " + found.size() + " (read " + read + " record(s) from " + partitions
                + " partition(s); the last: " + last + ")");
    }

    /** Every record on the topic right now. */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        return TopicReader.readAll(bootstrapServers, topic, Duration.ofSeconds(30));
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }


    @Override
    public void close() {
        producer.close();
    }
}
