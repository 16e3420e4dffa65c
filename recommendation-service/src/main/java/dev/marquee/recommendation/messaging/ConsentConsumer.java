package dev.marquee.recommendation.messaging;

import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.outbox.ConsentView;
import dev.marquee.outbox.IncomingEvents;
import dev.marquee.recommendation.service.ModelStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Keeps the consent view from {@code marquee.privacy.consent.v1} and tells the model in which brands the user
 * consents to personalization: with consent in at least one, the user's history is learned from, and it is used
 * for lists in those brands only; when it is withdrawn in every brand (or the user is forgotten, a tombstone)
 * everything the model derived from it is taken back and their stated tastes are deleted.
 * Idempotent: a state applies only over an older version.
 */
@ApplicationScoped
public class ConsentConsumer {
    private final ConsentView view;
    private final ModelStore store;
    private final EntityManager em;

    public ConsentConsumer(ConsentView view, ModelStore store, EntityManager em) {
        this.view = view;
        this.store = store;
        this.em = em;
    }

    @Incoming("consent")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            IncomingEvents.applyUntilDone("consent tombstone", () -> store.write(model -> {
                forget(record.key());
                model.personalization(record.key(), Set.of());
                return null;
            }));
            return;
        }
        ConsentChanged consent = IncomingEvents.decode(record, ConsentChanged.class);
        Set<String> brands = consent.brandsGranting(ConsentPurpose.PERSONALIZATION);
        IncomingEvents.applyUntilDone("consent of " + consent.userId(), () -> store.write(model -> {
            if (apply(consent, !brands.isEmpty())) {
                model.personalization(consent.userId(), brands);
            }
            return null;
        }));
    }

    @Transactional
    void forget(String userId) {
        view.forget(userId);
        em.createNativeQuery("DELETE FROM stated_preference WHERE user_id = ?1").setParameter(1, userId)
                .executeUpdate();
    }

    @Transactional
    boolean apply(ConsentChanged consent, boolean granted) {
        boolean changed = view.apply(consent);
        if (changed && !granted) {
            em.createNativeQuery("DELETE FROM stated_preference WHERE user_id = ?1").setParameter(1, consent.userId())
                    .executeUpdate();
        }
        return changed;
    }
}
