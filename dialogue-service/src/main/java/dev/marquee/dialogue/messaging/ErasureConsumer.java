package dev.marquee.dialogue.messaging;

import dev.marquee.dialogue.service.TurnService;
import dev.marquee.outbox.ConsentView;
import dev.marquee.outbox.PrivacyParticipant;
import dev.marquee.outbox.PrivacyParticipation;
import dev.marquee.outbox.UserRecords;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * dialogue-service's side of the privacy sagas: erases a user's conversations, turns, feedback, chat memory and
 * consent view when privacy-service asks, and confirms with the counts; exports the same records on request.
 */
@ApplicationScoped
public class ErasureConsumer implements PrivacyParticipant {
    private final PrivacyParticipation participation;
    private final EntityManager em;
    private final UserRecords records;
    private final ConsentView consent;

    public ErasureConsumer(PrivacyParticipation participation, EntityManager em, UserRecords records,
                           ConsentView consent) {
        this.participation = participation;
        this.em = em;
        this.records = records;
        this.consent = consent;
    }

    @Incoming("erasure-requests")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        participation.handleErasure(record, TurnService.SERVICE, this);
    }

    @Incoming("export-requests")
    @Blocking
    public void export(ConsumerRecord<String, String> record) {
        participation.handleExport(record, TurnService.SERVICE, this);
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

    @Override
    public Map<String, Object> exportUser(String userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversations", records.select("SELECT id, brand, persona, channel, state, turns, created_at, "
                + "updated_at FROM conversation WHERE user_id = ? ORDER BY created_at", userId));
        data.put("turns", records.select("SELECT id, conversation_id, seq, user_text, reply_text, intent, responder, "
                + "title_ids, guardrails, created_at FROM turn WHERE user_id = ? ORDER BY conversation_id, seq",
                userId));
        data.put("feedback", records.select("SELECT id, turn_id, rating, reason, created_at FROM turn_feedback "
                + "WHERE user_id = ? ORDER BY created_at", userId));
        data.put("chatMemory", records.select("SELECT conversation_id, messages, updated_at FROM chat_memory "
                + "WHERE user_id = ? ORDER BY updated_at", userId));
        data.put("consentView", consent.export(userId));
        return data;
    }

    private long delete(String sql, String userId) {
        return em.createNativeQuery(sql).setParameter(1, userId).executeUpdate();
    }
}
