package dev.marquee.recommendation.messaging;

import dev.marquee.events.Interaction;
import dev.marquee.outbox.IncomingEvents;
import dev.marquee.recommendation.service.Popularity;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Feeds interactions from {@code marquee.interactions.v1} into the scorers. Idempotent (the interaction id is
 * the primary key); records that break the contract or name a title the catalog does not have go to
 * {@code marquee.recommendation.dlq.v1}; database failures are retried.
 */
@ApplicationScoped
public class InteractionConsumer {
    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);

    private final Popularity popularity;

    public InteractionConsumer(Popularity popularity) {
        this.popularity = popularity;
    }

    @Incoming("interactions")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        Interaction interaction = IncomingEvents.decode(record, Interaction.class);
        boolean recorded = IncomingEvents.applyUntilDone("interaction " + interaction.interactionId(),
                () -> popularity.ingest(interaction, Instant.now()));
        if (!recorded) {
            LOG.debugf("interaction %s was already recorded", interaction.interactionId());
        }
    }
}
