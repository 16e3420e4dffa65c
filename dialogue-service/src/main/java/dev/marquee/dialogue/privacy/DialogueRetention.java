package dev.marquee.dialogue.privacy;

import dev.marquee.dialogue.config.DialogueConfig;
import dev.marquee.outbox.Retention;
import dev.marquee.outbox.RetentionReport;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.ObjLongConsumer;

/**
 * Retention of the data this service owns ({@code marquee.dialogue.retention.*}): transcripts (turns, with their
 * feedback; conversations whose turns are all gone; chat memory) and feedback. Every instance checks on a timer;
 * one at a time deletes, in batches ({@link Retention}).
 */
@ApplicationScoped
public class DialogueRetention {
    public static final String TRANSCRIPTS = "transcripts";
    public static final String FEEDBACK = "feedback";

    private final Retention retention;
    private final DialogueConfig.Retention config;
    private final List<Retention.Policy> policies;

    public DialogueRetention(Retention retention, DialogueConfig config) {
        this.retention = retention;
        this.config = config.retention();
        this.policies = List.of(
                new Retention.Policy(TRANSCRIPTS, this.config.transcripts(), """
                        SELECT least((SELECT min(created_at) FROM turn), (SELECT min(updated_at) FROM conversation),
                                     (SELECT min(updated_at) FROM chat_memory))""",
                        List.of(DialogueRetention::turns, DialogueRetention::conversations,
                                DialogueRetention::orphanedMemory)),
                new Retention.Policy(FEEDBACK, this.config.feedback(), "SELECT min(created_at) FROM turn_feedback",
                        List.of(Retention.expired("turn_feedback", "created_at"))));
    }

    @Scheduled(identity = "dialogue-retention", every = "${marquee.dialogue.retention.check-interval}",
            delayed = "${marquee.dialogue.retention.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void enforce() {
        retention.enforce(policies, config.batchSize(), Instant.now());
    }

    public RetentionReport report() {
        return retention.report(config, policies);
    }

    /**
     * Expired turns with their feedback. A conversation's chat memory goes too when its window may reach back into
     * a deleted turn: every turn adds at least two messages (the user's and the reply), so a window longer than
     * twice the turns left may still hold deleted words.
     */
    static long turns(Connection c, Timestamp cutoff, int limit, ObjLongConsumer<String> deleted)
            throws SQLException {
        List<UUID> turns = new ArrayList<>(limit);
        Set<UUID> conversations = new LinkedHashSet<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, conversation_id FROM turn WHERE created_at < ? LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setTimestamp(1, cutoff);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    turns.add(rs.getObject(1, UUID.class));
                    conversations.add(rs.getObject(2, UUID.class));
                }
            }
        }
        if (turns.isEmpty()) {
            deleted.accept("turn", 0);
            return 0;
        }
        Array turnIds = c.createArrayOf("uuid", turns.toArray());
        deleted.accept("turn_feedback", update(c, "DELETE FROM turn_feedback WHERE turn_id = ANY (?)", turnIds));
        deleted.accept("turn", update(c, "DELETE FROM turn WHERE id = ANY (?)", turnIds));
        deleted.accept("chat_memory", update(c, """
                DELETE FROM chat_memory m WHERE m.conversation_id = ANY (?) AND jsonb_array_length(m.messages)
                      > 2 * (SELECT count(*) FROM turn t WHERE t.conversation_id = m.conversation_id)""",
                c.createArrayOf("uuid", conversations.toArray())));
        return turns.size();
    }

    /**
     * Conversations idle for the period whose turns are all gone, with their chat memory. A conversation that
     * a new turn is being added to right now is locked by it and skipped.
     */
    static long conversations(Connection c, Timestamp cutoff, int limit, ObjLongConsumer<String> deleted)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("""
                WITH gone AS (
                    DELETE FROM conversation WHERE id = ANY (ARRAY(
                        SELECT c.id FROM conversation c WHERE c.updated_at < ?
                        AND NOT EXISTS (SELECT 1 FROM turn t WHERE t.conversation_id = c.id)
                        LIMIT ? FOR UPDATE OF c SKIP LOCKED))
                    RETURNING id),
                memory AS (DELETE FROM chat_memory WHERE conversation_id IN (SELECT id FROM gone) RETURNING 1)
                SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM memory)""")) {
            delete.setTimestamp(1, cutoff);
            delete.setInt(2, limit);
            try (ResultSet rs = delete.executeQuery()) {
                rs.next();
                deleted.accept("conversation", rs.getLong(1));
                deleted.accept("chat_memory", rs.getLong(2));
                return rs.getLong(1);
            }
        }
    }

    /**
     * Chat memory untouched for the period whose conversation does not exist (a model answered, then storing the
     * turn failed). A scan of the memory table, once per run: there is no index on its time, which would cost
     * every turn an index update.
     */
    static long orphanedMemory(Connection c, Timestamp cutoff, int limit, ObjLongConsumer<String> deleted)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("""
                DELETE FROM chat_memory WHERE ctid = ANY (ARRAY(
                    SELECT m.ctid FROM chat_memory m WHERE m.updated_at < ?
                    AND NOT EXISTS (SELECT 1 FROM conversation c WHERE c.id = m.conversation_id)
                    LIMIT ? FOR UPDATE OF m SKIP LOCKED))""")) {
            delete.setTimestamp(1, cutoff);
            delete.setInt(2, limit);
            int n = delete.executeUpdate();
            deleted.accept("chat_memory", n);
            return n;
        }
    }

    private static long update(Connection c, String sql, Array ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, ids);
            return ps.executeUpdate();
        }
    }
}
