package dev.marquee.recommendation.messaging;

import dev.marquee.events.PreferenceStated;
import dev.marquee.outbox.ConsentView;
import dev.marquee.outbox.IncomingEvents;
import dev.marquee.recommendation.service.ContentVectors;
import dev.marquee.recommendation.service.ModelStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.Timestamp;

/**
 * Takes tastes users stated in conversation ({@code marquee.dialogue.preferences.v1}: "I love space operas",
 * "no horror") into their profile: what a new user has before any interaction. Kept only while the user's
 * personalization consent holds (dialogue sends them only then; this side checks again, since consent may have
 * been withdrawn meanwhile). Idempotent on the preference id; invalid records are dead-lettered.
 */
@ApplicationScoped
public class PreferenceConsumer {
    private final ModelStore store;
    private final ConsentView consent;
    private final ContentVectors vectors;
    private final EntityManager em;

    public PreferenceConsumer(ModelStore store, ConsentView consent, ContentVectors vectors, EntityManager em) {
        this.store = store;
        this.consent = consent;
        this.vectors = vectors;
        this.em = em;
    }

    @Incoming("preferences")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        PreferenceStated preference = IncomingEvents.decode(record, PreferenceStated.class);
        float[] vector = vectors.embedPhrases(preference.phrases(), preference.genres());
        IncomingEvents.applyUntilDone("preference " + preference.preferenceId(), () -> store.write(model -> {
            if (consent.personalization(preference.userId(), preference.brand()) && save(preference)) {
                model.statePreference(preference.userId(), preference.sentiment() == PreferenceStated.Sentiment.LIKE,
                        preference.genres(), preference.phrases(), vector);
            }
            return null;
        }));
    }

    @Transactional
    boolean save(PreferenceStated p) {
        return em.createNativeQuery("""
                        INSERT INTO stated_preference (preference_id, user_id, sentiment, genres, phrases, kinds,
                                                       occurred_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (preference_id) DO NOTHING""")
                .setParameter(1, p.preferenceId())
                .setParameter(2, p.userId())
                .setParameter(3, p.sentiment() == PreferenceStated.Sentiment.LIKE ? "like" : "dislike")
                .setParameter(4, p.genres().toArray(String[]::new))
                .setParameter(5, p.phrases().toArray(String[]::new))
                .setParameter(6, p.kinds().toArray(String[]::new))
                .setParameter(7, Timestamp.from(p.occurredAt()))
                .executeUpdate() == 1;
    }
}
