package dev.marquee.recommendation.messaging;

import dev.marquee.outbox.ErasureParticipant;
import dev.marquee.outbox.ErasureParticipation;
import dev.marquee.recommendation.service.InteractionLog;
import dev.marquee.recommendation.service.ModelStore;
import dev.marquee.recommendation.service.Recommender;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Erases a user when privacy-service asks, and confirms with counts: their interactions, served lists and
 * stated tastes in PostgreSQL, and in the model everything derived from them (their share of trending, the
 * co-occurrence counts and user counts they added, their history and profile).
 */
@ApplicationScoped
public class ErasureConsumer implements ErasureParticipant {
    private final ErasureParticipation participation;
    private final EntityManager em;
    private final InteractionLog interactions;
    private final ModelStore store;

    public ErasureConsumer(ErasureParticipation participation, EntityManager em, InteractionLog interactions,
                           ModelStore store) {
        this.participation = participation;
        this.em = em;
        this.interactions = interactions;
        this.store = store;
    }

    @Incoming("erasure-requests")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        participation.handle(record, Recommender.SERVICE, this);
    }

    /** Deletes the rows in the erasure's transaction; the model forgets the user once it committed. */
    @Override
    public Map<String, Long> eraseUser(String userId) {
        Map<String, Long> erased = new LinkedHashMap<>();
        erased.put("interactions", interactions.delete(userId));
        erased.put("servedLists", (long) em.createNativeQuery("DELETE FROM served_list WHERE user_id = ?1")
                .setParameter(1, userId).executeUpdate());
        erased.put("statedPreferences", (long) em.createNativeQuery(
                "DELETE FROM stated_preference WHERE user_id = ?1").setParameter(1, userId).executeUpdate());
        return erased;
    }

    @Override
    public void erased(String userId) {
        store.write(model -> model.erase(userId));
    }
}
