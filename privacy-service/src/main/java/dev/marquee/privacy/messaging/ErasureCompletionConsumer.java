package dev.marquee.privacy.messaging;

import dev.marquee.events.ErasureCompleted;
import dev.marquee.outbox.IncomingEvents;
import dev.marquee.privacy.service.ErasureService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records the services' erasure confirmations; unknown or malformed ones go to the dead-letter topic, database
 * failures are retried.
 */
@ApplicationScoped
public class ErasureCompletionConsumer {
    private final ErasureService erasures;

    public ErasureCompletionConsumer(ErasureService erasures) {
        this.erasures = erasures;
    }

    @Incoming("erasure-completions")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        ErasureCompleted completed = IncomingEvents.decode(record, ErasureCompleted.class);
        IncomingEvents.applyUntilDone("confirmation of " + completed.requestId() + " by " + completed.service(),
                () -> erasures.confirm(completed));
    }
}
