package dev.marquee.gateway.telemetry;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Publishes the gateway's events to Kafka (client telemetry, answers to privacy requests) and waits for the
 * broker's acknowledgement, so that a 202 answer means the event is stored. The payload is checked against its
 * schema before it leaves; each event goes to its type's topic.
 */
@ApplicationScoped
public class EventPublisher {
    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final MutinyEmitter<String> events;
    private final Duration ackTimeout;

    public EventPublisher(@Channel("events") MutinyEmitter<String> events, GatewayConfig config) {
        this.events = events;
        this.ackTimeout = config.telemetry().ackTimeout();
    }

    public void publish(EventEnvelope event) {
        publishAll(List.of(event));
    }

    /**
     * Publishes the events together and returns once the broker stored every one; a 503 problem when any could
     * not be stored (those that were stay: consumers count an event id once, so the client may send all again).
     */
    public void publishAll(List<EventEnvelope> batch) {
        List<Uni<Void>> sends = batch.stream().map(event -> events.sendMessage(message(event))).toList();
        try {
            Uni.join().all(sends).andCollectFailures().await().atMost(ackTimeout);
        } catch (RuntimeException e) {
            LOG.warnf("could not publish %d event(s) starting with %s: %s", batch.size(), batch.getFirst().id(),
                    e.getMessage());
            throw ProblemException.unavailable("Kafka", batch.size() == 1
                    ? "the event could not be stored; please send it again"
                    : "the events could not all be stored; please send them again");
        }
    }

    private static Message<String> message(EventEnvelope event) {
        String payload = EventCodec.instance().encode(event.data());
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic().topicName())
                .withKey(event.key())
                .withHeaders(headers)
                .build());
    }
}
