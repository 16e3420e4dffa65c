package dev.marquee.outbox;

import dev.marquee.events.Topic;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * When this service erased each user ({@code erased_user}, by SHA-256 of the user id): an event of the user
 * published before their erasure but consumed after it (in flight, or behind a consumer's backlog) is stale and
 * must not bring their data back, so consumers that store a user's events leave such events out, under a lock that
 * orders them with the erasure (recommendation-service locks its interaction table). Events published after the
 * erasure are new activity. Entries
 * are deleted once no stale event can arrive any more: after {@link #KEEP}, longer than any topic's retention.
 */
@ApplicationScoped
public class ErasureHorizon {
    /** How long an erasure is remembered. */
    public static final Duration KEEP = Topic.staleUserEventHorizon();

    private final AgroalDataSource dataSource;

    public ErasureHorizon(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Remembers that the user was erased now, in the erasure's transaction; forgets erasures older than KEEP. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erased(String userId, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement upsert = c.prepareStatement("""
                     INSERT INTO erased_user (user_hash, erased_at) VALUES (?, ?)
                     ON CONFLICT (user_hash) DO UPDATE SET erased_at = greatest(erased_user.erased_at, EXCLUDED.erased_at)""");
             PreparedStatement expire = c.prepareStatement("DELETE FROM erased_user WHERE erased_at < ?")) {
            upsert.setString(1, hash(userId));
            upsert.setTimestamp(2, Timestamp.from(at));
            upsert.executeUpdate();
            expire.setTimestamp(1, Timestamp.from(at.minus(KEEP)));
            expire.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remember the erasure", e);
        }
    }

    /**
     * When each of the given users was erased, for those that were, read on the caller's connection (inside its
     * transaction, after the lock that orders it with the erasures); one query for a whole batch.
     */
    public Map<String, Instant> erasedAmong(Connection c, Collection<String> userIds) throws SQLException {
        Map<String, String> byHash = new HashMap<>();
        userIds.forEach(u -> byHash.putIfAbsent(hash(u), u));
        if (byHash.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT user_hash, erased_at FROM erased_user WHERE user_hash = ANY (?)")) {
            select.setArray(1, c.createArrayOf("text", byHash.keySet().toArray()));
            Map<String, Instant> erased = new HashMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    erased.put(byHash.get(rs.getString(1)), rs.getTimestamp(2).toInstant());
                }
            }
            return erased;
        }
    }

    /** Whether an event of the user published at the given time is from before their erasure. */
    public static boolean stale(Map<String, Instant> erased, String userId, Instant publishedAt) {
        Instant at = erased.get(userId);
        return at != null && !publishedAt.isAfter(at);
    }

    static String hash(String userId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
