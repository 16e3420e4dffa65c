package dev.marquee.dialogue.consent;

import dev.marquee.events.ConsentChanged;
import dev.marquee.outbox.ConsentView;
import dev.marquee.outbox.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link ConsentView} from {@code marquee.privacy.consent.v1}. Idempotent (a state applies only over an
 * older version), so redelivery and replays change nothing; invalid records go to the dead-letter topic.
 */
@ApplicationScoped
public class ConsentConsumer {
    private final ConsentView view;

    public ConsentConsumer(ConsentView view) {
        this.view = view;
    }

    @Incoming("consent")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // A tombstone: the ledger forgot the user (erasure); forget the view of them too.
            IncomingEvents.applyUntilDone("consent tombstone", () -> view.forget(record.key()));
            return;
        }
        ConsentChanged consent = IncomingEvents.decode(record, ConsentChanged.class);
        IncomingEvents.applyUntilDone("consent of " + consent.userId(), () -> view.apply(consent));
    }
}
