package dev.marquee.recommendation.messaging;

import dev.marquee.outbox.ConsentView;
import dev.marquee.outbox.PrivacyParticipant;
import dev.marquee.outbox.PrivacyParticipation;
import dev.marquee.outbox.UserRecords;
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
 * recommendation-service's side of the privacy sagas. Erases a user when privacy-service asks, and confirms with counts: their interactions, served lists and
 * stated tastes in PostgreSQL, and in the model everything derived from them (their share of trending, the
 * co-occurrence counts and user counts they added, their history and profile). Exports the same rows on request.
 */
@ApplicationScoped
public class ErasureConsumer implements PrivacyParticipant {
    private final PrivacyParticipation participation;
    private final UserRecords records;
    private final ConsentView consent;
    private final EntityManager em;
    private final InteractionLog interactions;
    private final ModelStore store;

    public ErasureConsumer(PrivacyParticipation participation, EntityManager em, InteractionLog interactions,
                           ModelStore store, UserRecords records, ConsentView consent) {
        this.participation = participation;
        this.records = records;
        this.consent = consent;
        this.em = em;
        this.interactions = interactions;
        this.store = store;
    }

    @Incoming("erasure-requests")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        participation.handleErasure(record, Recommender.SERVICE, this);
    }

    @Incoming("export-requests")
    @Blocking
    public void export(ConsumerRecord<String, String> record) {
        participation.handleExport(record, Recommender.SERVICE, this);
    }

    @Override
    public Map<String, Object> exportUser(String userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("interactions", records.select("SELECT interaction_id, title_id, type, rating, recommendation_id, "
                + "brand, occurred_at FROM interaction WHERE user_id = ? ORDER BY occurred_at, interaction_id", userId));
        data.put("servedLists", records.select("SELECT recommendation_id, strategy, variant, request, title_ids, pages, "
                + "created_at FROM served_list WHERE user_id = ? ORDER BY created_at", userId));
        data.put("statedPreferences", records.select("SELECT preference_id, sentiment, genres, phrases, kinds, "
                + "occurred_at FROM stated_preference WHERE user_id = ? ORDER BY occurred_at", userId));
        data.put("consentView", consent.export(userId));
        return data;
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
        erased.put("consentView", (long) em.createNativeQuery("DELETE FROM consent_view WHERE user_id = ?1")
                .setParameter(1, userId).executeUpdate());
        return erased;
    }

    @Override
    public void erased(String userId) {
        store.write(model -> model.erase(userId));
    }
}
