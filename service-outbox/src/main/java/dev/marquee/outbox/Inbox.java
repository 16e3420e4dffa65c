package dev.marquee.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Remembers which events a consumer has processed, in the same transaction as the processing, so that a
 * redelivered event (after a crash or a rebalance) has no second effect.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;

    public Inbox(AgroalDataSource dataSource, OutboxConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Records the event as processed by the consumer; {@code false} when it already was (skip it).
     * Must run inside the transaction that applies the event's effect.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO inbox_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record consumed event " + eventId, e);
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldEvents() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM inbox_event WHERE processed_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(Instant.now().minus(config.inboxRetention())));
            int removed = delete.executeUpdate();
            if (removed > 0) {
                LOG.debugf("forgot %d consumed event ids", removed);
            }
        } catch (SQLException e) {
            LOG.warnf("cannot purge the inbox: %s", e.getMessage());
        }
    }
}
