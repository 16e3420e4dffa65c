package dev.marquee.dialogue.memory;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * LangChain4j chat memory in PostgreSQL ({@code chat_memory}), so a conversation keeps its context across
 * restarts and instances. The memory id is {@code <conversation id>:<user id>}: a row is read and written only
 * for the verified user who owns the conversation. Writes join the caller's transaction when there is one.
 */
@ApplicationScoped
public class PostgresChatMemoryStore implements ChatMemoryStore {
    private final AgroalDataSource dataSource;

    public PostgresChatMemoryStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    record Key(UUID conversationId, String userId) {
        static Key of(Object memoryId) {
            String id = memoryId.toString();
            int colon = id.indexOf(':');
            if (colon != 36) {
                throw new IllegalArgumentException("memory id must be <conversation id>:<user id>, not " + id);
            }
            return new Key(UUID.fromString(id.substring(0, colon)), id.substring(colon + 1));
        }
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        Key key = Key.of(memoryId);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT messages FROM chat_memory WHERE conversation_id = ? AND user_id = ?")) {
            ps.setObject(1, key.conversationId());
            ps.setString(2, key.userId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ChatMessageDeserializer.messagesFromJson(rs.getString(1)) : List.of();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read chat memory", e);
        }
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        Key key = Key.of(memoryId);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO chat_memory (conversation_id, user_id, messages, updated_at) VALUES (?, ?, ?::jsonb, ?) "
                        + "ON CONFLICT (conversation_id) DO UPDATE SET messages = EXCLUDED.messages, "
                        + "updated_at = EXCLUDED.updated_at WHERE chat_memory.user_id = EXCLUDED.user_id")) {
            ps.setObject(1, key.conversationId());
            ps.setString(2, key.userId());
            ps.setString(3, ChatMessageSerializer.messagesToJson(messages));
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write chat memory", e);
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        Key key = Key.of(memoryId);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM chat_memory WHERE conversation_id = ? AND user_id = ?")) {
            ps.setObject(1, key.conversationId());
            ps.setString(2, key.userId());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete chat memory", e);
        }
    }
}
