package dev.marquee.recommendation.messaging;

import dev.marquee.events.Interaction;
import dev.marquee.events.InvalidEventException;
import dev.marquee.outbox.IncomingEvents;
import dev.marquee.recommendation.service.InteractionLog;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds interactions from {@code marquee.interactions.v1} into the recommender, a poll's worth at a time (the
 * batch is one transaction and one multi-row insert, which is what makes tens of thousands of events per second
 * possible). Idempotent: the interaction id is the primary key and only newly stored interactions reach the
 * model. Interactions of an erased user published before the erasure are left out
 * ({@link dev.marquee.outbox.ErasureHorizon}). Per partition, so per user, the order of the topic is kept. Records that break the contract or name a
 * title the catalog does not have go to {@code marquee.recommendation.dlq.v1} one by one, with the reason;
 * database failures are retried with the whole batch waiting.
 */
@ApplicationScoped
public class InteractionConsumer {
    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(30);

    private final InteractionLog log;
    private final MutinyEmitter<String> deadLetters;

    public InteractionConsumer(InteractionLog log, @Channel("interaction-dead-letters") MutinyEmitter<String> deadLetters) {
        this.log = log;
        this.deadLetters = deadLetters;
    }

    @Incoming("interactions")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        Instant receivedAt = Instant.now();
        // Checking each record against the contract is half the work: it runs on every core, in topic order.
        List<ConsumerRecord<String, String>> all = new ArrayList<>(records.count());
        records.forEach(all::add);
        List<Object> decoded = all.parallelStream().map(InteractionConsumer::decode).toList();
        List<InteractionLog.Received> valid = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            if (decoded.get(i) instanceof Interaction interaction) {
                valid.add(new InteractionLog.Received(all.get(i), interaction));
            } else {
                deadLetter(all.get(i), (String) decoded.get(i));
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        List<InteractionLog.Received> refused = IncomingEvents.applyUntilDone(
                "a batch of " + valid.size() + " interactions", () -> log.record(valid, receivedAt));
        for (InteractionLog.Received r : refused) {
            deadLetter(r.record(), "title '" + r.interaction().titleId() + "' is not in the catalog");
        }
    }

    /** The record's interaction, or why it breaks the contract. */
    private static Object decode(ConsumerRecord<String, String> record) {
        try {
            return IncomingEvents.decode(record, Interaction.class);
        } catch (InvalidEventException e) {
            return e.getMessage();
        }
    }

    /** Sends a record to the dead-letter topic with SmallRye's dead-letter headers and its own CloudEvents headers. */
    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        Message<String> message = Message.of(record.value() == null ? "" : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers)
                        .build());
        deadLetters.sendMessage(message).await().atMost(DEAD_LETTER_TIMEOUT);
    }
}
