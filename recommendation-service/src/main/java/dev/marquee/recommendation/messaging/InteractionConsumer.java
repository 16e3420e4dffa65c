package dev.marquee.recommendation.messaging;

import dev.marquee.events.EventCodec;
import dev.marquee.events.EventType;
import dev.marquee.events.Interaction;
import dev.marquee.events.InvalidEventException;
import dev.marquee.outbox.IncomingEvents;
import dev.marquee.recommendation.Title;
import dev.marquee.recommendation.service.Popularity;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Feeds interactions from {@code marquee.interactions.v1} into the scorers. Idempotent (the interaction id is
 * the primary key); records that break the contract or name a title the catalog does not have go to
 * {@code marquee.recommendation.dlq.v1}.
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
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        IncomingEvents.id(record, EventType.INTERACTION);
        Interaction interaction = EventCodec.instance().decode(record.value(), Interaction.class);
        if (Title.findById(interaction.titleId()) == null) {
            throw new InvalidEventException(EventType.INTERACTION,
                    List.of("title '" + interaction.titleId() + "' is not in the catalog"));
        }
        if (!popularity.record(interaction, Instant.now())) {
            LOG.debugf("interaction %s was already recorded", interaction.interactionId());
        }
    }
}
