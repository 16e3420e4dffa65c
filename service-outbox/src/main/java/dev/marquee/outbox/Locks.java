package dev.marquee.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * PostgreSQL advisory locks held until the current transaction ends. They serialise the transactions that touch
 * one user's state (first consent, erasure request, feedback), so that concurrent requests queue instead of
 * failing on a unique constraint.
 */
@ApplicationScoped
public class Locks {
    /** Lock space of per-user locks; the outbox uses its own. */
    static final int USER_SPACE = 2;
    static final int OUTBOX_KEY_SPACE = 1;

    private final AgroalDataSource dataSource;

    public Locks(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Waits for, then holds until commit or rollback, the lock of one user. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockUser(String userId) {
        lock(dataSource, USER_SPACE, userId);
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
