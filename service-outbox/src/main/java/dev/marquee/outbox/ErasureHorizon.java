package dev.marquee.outbox;

import dev.marquee.events.Topic;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When this service erased each user ({@code erased_user}, by SHA-256 of the user id): an event of the user that
 * happened before their erasure but arrives after it (in flight, or behind a consumer's backlog) is stale and must
 * not bring their data back. Events that happen after the erasure are new activity and count as usual. Entries
 * are deleted once no stale event can arrive any more: after {@link #KEEP}, longer than any topic's retention.
 */
@ApplicationScoped
public class ErasureHorizon {
    /** How long an erasure is remembered: the user topics' longest retention and a day for clock skew. */
    public static final Duration KEEP = Topic.longestUserEventRetention().plusDays(1);

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

    /** When each of the given users was erased, for those that were; one query for a whole batch. */
    public Map<String, Instant> erasedAmong(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> byHash = new LinkedHashMap<>();
        userIds.forEach(u -> byHash.put(hash(u), u));
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT user_hash, erased_at FROM erased_user WHERE user_hash = ANY (?)")) {
            Array hashes = c.createArrayOf("text", byHash.keySet().toArray());
            select.setArray(1, hashes);
            Map<String, Instant> erased = new HashMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    erased.put(byHash.get(rs.getString(1)), rs.getTimestamp(2).toInstant());
                }
            }
            return erased;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the erased users", e);
        }
    }

    /** Whether an event of the user that happened at the given time is from before their erasure. */
    public static boolean stale(Map<String, Instant> erased, String userId, Instant occurredAt) {
        Instant at = erased.get(userId);
        return at != null && !occurredAt.isAfter(at);
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
