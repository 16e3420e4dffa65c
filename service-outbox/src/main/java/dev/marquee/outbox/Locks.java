package dev.marquee.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL advisory locks. Per-user locks are held until the current transaction ends: they serialise the
 * transactions that touch one user's state (first consent, erasure request, feedback), so that concurrent requests
 * queue instead of failing on a unique constraint. Job locks are held by a connection's session across several
 * transactions, so that only one instance of a service runs a periodic job at a time.
 */
@ApplicationScoped
public class Locks {
    /*
     * Lock spaces (the first key of PostgreSQL's two-key advisory locks), one per kind of lock, so that kinds never
     * collide: 1 outbox keys, 2 users, 3 jobs, 4 privacy-service's audit log, 5 dialogue-service's personas.
     */
    static final int OUTBOX_KEY_SPACE = 1;
    /** Lock space of per-user locks ({@code hashtext(user id)} is the second key). */
    public static final int USER_SPACE = 2;
    /** Lock space of jobs that one instance at a time may run (retention). */
    static final int JOB_SPACE = 3;
    /** Lock space of privacy-service's audit log. */
    public static final int AUDIT_SPACE = 4;
    /** Lock space of dialogue-service's persona versions. */
    public static final int PERSONA_SPACE = 5;

    private final AgroalDataSource dataSource;

    public Locks(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Waits for, then holds until commit or rollback, the lock of one user. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockUser(String userId) {
        lock(dataSource, USER_SPACE, userId);
    }

    /**
     * Tries to take the lock of a job for the session of {@code c}, without waiting; false when another session
     * (another instance) holds it. The lock outlives the connection's transactions: release it with
     * {@link #unlockJob} before the connection goes back to the pool (closing the session releases it too).
     */
    public static boolean tryLockJob(Connection c, String job) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            lock.setInt(1, JOB_SPACE);
            lock.setString(2, job);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Releases a job lock that {@link #tryLockJob} took on the same connection. */
    public static void unlockJob(Connection c, String job) throws SQLException {
        try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            unlock.setInt(1, JOB_SPACE);
            unlock.setString(2, job);
            unlock.execute();
        }
    }

    static void lock(AgroalDataSource dataSource, int space, String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            lock.setInt(1, space);
            lock.setString(2, key);
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the lock of " + key, e);
        }
    }
}
