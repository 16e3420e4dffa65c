package dev.marquee.recommendation.messaging;

import dev.marquee.outbox.ErasureParticipant;
import dev.marquee.outbox.ErasureParticipation;
import dev.marquee.recommendation.service.Popularity;
import dev.marquee.recommendation.service.Recommender;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Map;

/**
 * Erases a user's interactions and everything derived from them (the popularity of the titles they touched)
 * when privacy-service asks, and confirms.
 */
@ApplicationScoped
public class ErasureConsumer implements ErasureParticipant {
    private final ErasureParticipation participation;
    private final EntityManager em;
    private final Popularity popularity;

    public ErasureConsumer(ErasureParticipation participation, EntityManager em, Popularity popularity) {
        this.participation = participation;
        this.em = em;
        this.popularity = popularity;
    }

    @Incoming("erasure-requests")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        participation.handle(record, Recommender.SERVICE, this);
    }

    @Override
    public Map<String, Long> eraseUser(String userId) {
        @SuppressWarnings("unchecked")
        List<String> touched = em.createNativeQuery(
                        "DELETE FROM interaction WHERE user_id = ?1 RETURNING title_id")
                .setParameter(1, userId)
                .getResultList();
        popularity.rebuild(touched.stream().distinct().toList());
        return Map.of("interactions", (long) touched.size());
    }
}
