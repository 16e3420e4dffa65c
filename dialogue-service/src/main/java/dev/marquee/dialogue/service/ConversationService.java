package dev.marquee.dialogue.service;

import dev.marquee.dialogue.Conversation;
import dev.marquee.outbox.Locks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Removes conversations with everything derived from them. */
@ApplicationScoped
public class ConversationService {
    private final EntityManager em;
    private final Locks locks;

    public ConversationService(EntityManager em, Locks locks) {
        this.em = em;
        this.locks = locks;
    }

    /** Deletes a user's own conversation with its turns, feedback and chat memory; false when there is none. */
    @Transactional
    public boolean delete(UUID conversationId, String userId, String brand) {
        locks.lockUser(userId);
        Conversation conversation = Conversation.findOwned(conversationId, userId, brand);
        if (conversation == null) {
            return false;
        }
        em.createNativeQuery("DELETE FROM chat_memory WHERE conversation_id = ?1 AND user_id = ?2")
                .setParameter(1, conversationId).setParameter(2, userId).executeUpdate();
        // turns and their feedback go with the conversation (ON DELETE CASCADE)
        conversation.delete();
        return true;
    }
}
