package dev.marquee.privacy.audit;

import dev.marquee.events.EventCodec;
import dev.marquee.privacy.config.PrivacyConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The privacy audit log: append-only (a trigger refuses updates and deletes) and hash-chained. Each entry's hash
 * is SHA-256 over the previous entry's hash and the entry's own fields, so changing, removing or reordering any
 * entry breaks every hash after it, which {@link #verify()} finds. Entries name the user by a keyed hash
 * (HMAC-SHA256 with {@code marquee.privacy.audit.subject-key}), never by id.
 * <p>
 * Appends are serialised by a transaction-scoped advisory lock, so sequence numbers have no gaps and the chain
 * no forks; an entry commits or rolls back with the change it records. Callers append as the last step of their
 * transaction, after any outbox event, so that the locks are always taken in the same order.
 */
@ApplicationScoped
public class AuditLog {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private final AgroalDataSource dataSource;
    private final byte[] subjectKey;

    public AuditLog(AgroalDataSource dataSource, PrivacyConfig config) {
        this.dataSource = dataSource;
        this.subjectKey = config.audit().subjectKey().getBytes(StandardCharsets.UTF_8);
    }

    /** One entry of the log. */
    public record Entry(long seq, Instant at, String action, String subject, UUID requestId, String details,
                        String prevHash, String hash) {
    }

    /**
     * The result of checking the chain.
     *
     * @param valid    whether every entry's hash matches its content and its predecessor
     * @param entries  how many entries were checked
     * @param lastHash the hash of the last entry (the value to keep elsewhere to detect truncation)
     * @param brokenAt the first entry whose hash does not match, if any
     * @param problem  what is wrong with it
     */
    public record Verification(boolean valid, long entries, String lastHash, Long brokenAt, String problem) {
    }

    /**
     * Appends an entry in the caller's transaction.
     *
     * @param details JSON-ready details of what happened (counts, purposes, services); never free text of the user
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Entry append(String action, String userId, UUID requestId, Map<String, ?> details) {
        String detailsJson;
        try {
            detailsJson = EventCodec.instance().mapper().writeValueAsString(details);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("details are not JSON", e);
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, 0)")) {
                lock.setInt(1, dev.marquee.outbox.Locks.AUDIT_SPACE);
                lock.execute();
            }
            long seq = 1;
            String prev = GENESIS;
            try (PreparedStatement last = c.prepareStatement(
                    "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
                 ResultSet rs = last.executeQuery()) {
                if (rs.next()) {
                    seq = rs.getLong(1) + 1;
                    prev = rs.getString(2);
                }
            }
            // PostgreSQL keeps microseconds: hash what is stored.
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String subject = subjectOf(userId);
            String hash = hash(prev, seq, at, action, subject, requestId, detailsJson);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO audit_log (seq, at, action, subject, request_id, details, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setLong(1, seq);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.setString(3, action);
                insert.setString(4, subject);
                insert.setObject(5, requestId);
                insert.setString(6, detailsJson);
                insert.setString(7, prev);
                insert.setString(8, hash);
                insert.executeUpdate();
            }
            return new Entry(seq, at, action, subject, requestId, detailsJson, prev, hash);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append to the audit log", e);
        }
    }

    /** Entries after {@code afterSeq}, oldest first, at most {@code limit}; only the user's when one is named. */
    public List<Entry> read(String userId, long afterSeq, int limit) {
        String sql = "SELECT seq, at, action, subject, request_id, details, prev_hash, hash FROM audit_log "
                + "WHERE seq > ?" + (userId == null ? "" : " AND subject = ?") + " ORDER BY seq LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, afterSeq);
            if (userId != null) {
                ps.setString(i++, subjectOf(userId));
            }
            ps.setInt(i, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log", e);
        }
    }

    /** The first entry of an action about a request, if there is one. */
    public java.util.Optional<Entry> find(UUID requestId, String action) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT seq, at, action, subject, request_id, details, prev_hash, hash FROM audit_log "
                        + "WHERE request_id = ? AND action = ? ORDER BY seq LIMIT 1")) {
            ps.setObject(1, requestId);
            ps.setString(2, action);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(entry(rs)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log", e);
        }
    }

    /** Recomputes every hash from the first entry on. */
    public Verification verify() {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, at, action, subject, request_id, details, "
                    + "prev_hash, hash FROM audit_log ORDER BY seq")) {
                ps.setFetchSize(1000);
                long expectedSeq = 1;
                String prev = GENESIS;
                long count = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Entry e = entry(rs);
                        count++;
                        String problem = null;
                        if (e.seq() != expectedSeq) {
                            problem = "entry " + expectedSeq + " is missing";
                        } else if (!e.prevHash().equals(prev)) {
                            problem = "its previous hash does not match the entry before it";
                        } else if (!e.hash().equals(hash(prev, e.seq(), e.at(), e.action(), e.subject(),
                                e.requestId(), e.details()))) {
                            problem = "its content does not match its hash";
                        }
                        if (problem != null) {
                            return new Verification(false, count, prev, e.seq(), problem);
                        }
                        prev = e.hash();
                        expectedSeq++;
                    }
                }
                return new Verification(true, count, prev, null, null);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log", e);
        }
    }

    /** The keyed hash that stands for a user in the log. */
    public String subjectOf(String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(subjectKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String prev, long seq, Instant at, String action, String subject, UUID requestId,
                       String details) {
        String content = String.join("\n", prev, Long.toString(seq), at.toString(), action, subject,
                requestId == null ? "" : requestId.toString(), details);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8));
    }
}
