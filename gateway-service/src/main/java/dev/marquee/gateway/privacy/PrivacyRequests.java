package dev.marquee.gateway.privacy;

import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.ExportContributed;
import dev.marquee.events.ExportRequested;
import dev.marquee.gateway.protection.RateLimiter;
import dev.marquee.gateway.telemetry.EventPublisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;

/**
 * The gateway's side of the privacy sagas. The gateway keeps one thing per user, in memory: their rate-limit
 * bucket while it is not full ({@link RateLimiter}). Every replica reads every erasure and export request (each
 * in a consumer group of its own, from the end of the topic: a replica started later holds nothing older), erases
 * or describes its own bucket of the user and answers; privacy-service records the first answer of the service and
 * re-sends the request while none came. Requests that break the contract go to the gateway's dead-letter topic.
 */
@ApplicationScoped
public class PrivacyRequests {
    public static final String SERVICE = "gateway-service";
    private static final Logger LOG = Logger.getLogger(PrivacyRequests.class);

    private final RateLimiter limiter;
    private final EventPublisher publisher;

    public PrivacyRequests(RateLimiter limiter, EventPublisher publisher) {
        this.limiter = limiter;
        this.publisher = publisher;
    }

    @Incoming("erasure-requests")
    @Blocking
    public void erase(ConsumerRecord<String, String> record) {
        ErasureRequested request = EventCodec.instance().decode(record.value(), ErasureRequested.class);
        if (!request.asks(SERVICE)) {
            return;
        }
        Map<String, Long> erased = Map.of("rateLimitBuckets", limiter.forget(request.userId()));
        Instant now = Instant.now();
        answer(EventEnvelope.forUser(request.userId(), request.answerId(SERVICE), CloudEventHeaders.sourceOf(SERVICE),
                now, new ErasureCompleted(request.requestId(), request.userId(), SERVICE, erased, now)));
        LOG.infof("erasure %s (attempt %d): erased %s", request.requestId(), request.attempt(), erased);
    }

    @Incoming("export-requests")
    @Blocking
    public void export(ConsumerRecord<String, String> record) {
        ExportRequested request = EventCodec.instance().decode(record.value(), ExportRequested.class);
        if (!request.asks(SERVICE)) {
            return;
        }
        Instant now = Instant.now();
        Map<String, Object> data = Map.of("rateLimitBucket", limiter.export(request.userId()));
        answer(EventEnvelope.forUser(request.userId(), request.answerId(SERVICE), CloudEventHeaders.sourceOf(SERVICE),
                now, new ExportContributed(request.requestId(), request.userId(), SERVICE, data, now)));
        LOG.infof("export %s (attempt %d): contributed", request.requestId(), request.attempt());
    }

    /**
     * Publishes an answer. When Kafka does not take it, the request is not dead-lettered (it is valid): the
     * answer is left to privacy-service's re-send, which every replica reads again.
     */
    private void answer(EventEnvelope answer) {
        try {
            publisher.publish(answer);
        } catch (RuntimeException e) {
            LOG.warnf("could not answer %s; privacy-service will ask again: %s", answer.id(), e.getMessage());
        }
    }
}
