package dev.marquee.outbox;

import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes events into the outbox table within the caller's transaction. If the transaction rolls back, the
 * events vanish with it; once it commits, {@link OutboxRelay} publishes them to Kafka. This is how a service
 * changes its state and announces it without ever doing one without the other.
 * <p>
 * Transactions that add events with the same key (the same user) are serialised by an advisory lock taken
 * before the row gets its id, so that for one key id order is commit order and the relay publishes a user's
 * events in the order they happened.
 */
@ApplicationScoped
public class Outbox {
    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Adds an event; must run inside a transaction. The payload is validated against its schema first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(EventEnvelope event) {
        String payload = EventCodec.instance().encode(event.data());
        String headers;
        try {
            headers = EventCodec.instance().mapper().writeValueAsString(event.headers());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (event.key() != null) {
            Locks.lock(dataSource, Locks.OUTBOX_KEY_SPACE, event.key());
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO outbox_event (topic, record_key, event_id, event_type, headers, payload)
                     VALUES (?, ?, ?, ?, ?::jsonb, ?)""")) {
            insert.setString(1, event.topic().topicName());
            insert.setString(2, event.key());
            insert.setString(3, event.id());
            insert.setString(4, event.type().ceType());
            insert.setString(5, headers);
            insert.setString(6, payload);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write to the outbox", e);
        }
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        Object key = Outbox.class;
        if (transactions.getResource(key) == null) {
            transactions.putResource(key, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing to do
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wakeUp();
                    }
                }
            });
        }
    }
}
