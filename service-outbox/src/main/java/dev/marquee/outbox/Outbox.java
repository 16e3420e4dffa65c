package dev.marquee.outbox;

import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.Topic;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

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
        addAll(List.of(event));
    }

    /**
     * Adds events in one round trip; must run inside a transaction. Each payload is validated first; the keys'
     * locks are taken in a fixed order, so that two transactions adding events for several users cannot
     * deadlock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addAll(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            String headers;
            try {
                headers = EventCodec.instance().mapper().writeValueAsString(event.headers());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            rows.add(new String[]{event.topic().topicName(), event.key(), event.id(), event.type().ceType(), headers,
                    EventCodec.instance().encode(event.data())});
        }
        SortedSet<String> keys = new TreeSet<>();
        for (EventEnvelope event : events) {
            if (event.key() != null) {
                keys.add(event.key());
            }
        }
        for (String key : keys) {
            Locks.lock(dataSource, Locks.OUTBOX_KEY_SPACE, key);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO outbox_event (topic, record_key, event_id, event_type, headers, payload)
                     VALUES (?, ?, ?, ?, ?::jsonb, ?)""")) {
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    insert.setString(i + 1, row[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write to the outbox", e);
        }
        wakeRelayAfterCommit();
    }

    /**
     * Adds a tombstone (a record with a null value and no CloudEvents headers) for a key of a compacted topic, in
     * order after the key's events already added; must run inside a transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addTombstone(Topic topic, String key) {
        if (!topic.compacted()) {
            throw new IllegalArgumentException(topic.topicName() + " is not compacted: a tombstone deletes nothing");
        }
        Locks.lock(dataSource, Locks.OUTBOX_KEY_SPACE, key);
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO outbox_event (topic, record_key, event_id, event_type, headers, payload)
                     VALUES (?, ?, ?, 'tombstone', '{}'::jsonb, NULL)""")) {
            insert.setString(1, topic.topicName());
            insert.setString(2, key);
            insert.setString(3, "tombstone/" + key);
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
