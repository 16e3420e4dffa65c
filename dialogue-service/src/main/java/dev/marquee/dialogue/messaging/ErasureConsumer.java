package dev.marquee.dialogue.messaging;

import dev.marquee.dialogue.service.TurnService;
import dev.marquee.outbox.ErasureParticipant;
import dev.marquee.outbox.ErasureParticipation;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;

/**
 * Erases a user's conversations, turns, feedback, chat memory and consent view when privacy-service asks, and
 * confirms with the counts.
 */
@ApplicationScoped
public class ErasureConsumer implements ErasureParticipant {
    private final ErasureParticipation participation;
    private final EntityManager em;

    public ErasureConsumer(ErasureParticipation participation, EntityManager em) {
        this.participation = participation;
        this.em = em;
    }

    @Incoming("erasure-requests")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        participation.handle(record, TurnService.SERVICE, this);
    }

    @Override
    public Map<String, Long> eraseUser(String userId) {
        long feedback = delete("DELETE FROM turn_feedback WHERE user_id = ?1", userId);
        long turns = delete("DELETE FROM turn WHERE user_id = ?1", userId);
        long conversations = delete("DELETE FROM conversation WHERE user_id = ?1", userId);
        long memory = delete("DELETE FROM chat_memory WHERE user_id = ?1", userId);
        long consent = delete("DELETE FROM consent_view WHERE user_id = ?1", userId);
        return Map.of("conversations", conversations, "turns", turns, "feedback", feedback, "chatMemory", memory,
                "consentView", consent);
    }

    private long delete(String sql, String userId) {
        return em.createNativeQuery(sql).setParameter(1, userId).executeUpdate();
    }
}
