package dev.marquee.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.marquee.events.EventCodec;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes committed outbox events to Kafka in the order they were written, then deletes them. Woken right
 * after each commit that added events, and by a timer for anything left over (a broker that was down, a
 * crash between send and delete). Only one instance of a service relays at a time (a PostgreSQL advisory
 * lock), which keeps each user's events in order. Delivery is at least once; consumers de-duplicate on the
 * CloudEvents id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x6d61727175656531L; // "marquee1"

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Counter failures;
    private final Counter parked;
    private final Counter vacuums;
    private volatile boolean running;
    private KafkaProducer<String, String> producer;
    private Thread worker;

    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.published = Counter.builder("marquee.outbox.published")
                .description("Events relayed from the outbox to Kafka").register(registry);
        this.failures = Counter.builder("marquee.outbox.failures")
                .description("Relay attempts that failed and will be retried").register(registry);
        this.parked = Counter.builder("marquee.outbox.parked")
                .description("Events the broker kept rejecting, set aside for an operator").register(registry);
        this.vacuums = Counter.builder("marquee.outbox.vacuums")
                .description("Times the relay vacuumed the outbox table").register(registry);
    }

    void start(@Observes StartupEvent event) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (!k.startsWith("health") && !k.equals("devservices")) {
                props.put(k, v);
            }
        });
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + ProcessHandle.current().pid());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.sendTimeout().toMillis());
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
        try {
            if (worker != null) {
                worker.join(config.sendTimeout().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(config.sendTimeout());
        }
    }

    /** Asks the relay to publish now (called after a commit that wrote to the outbox). */
    public void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        long backoffMs = 0;
        long sinceVacuum = 0;
        while (running) {
            try {
                boolean woken = wakeUps.tryAcquire(Math.max(backoffMs, config.pollInterval().toMillis()),
                        TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                if (!running) {
                    break;
                }
                if (woken && !config.linger().isZero()) {
                    Thread.sleep(config.linger());
                    wakeUps.drainPermits();
                }
                int relayed;
                do {
                    relayed = relayBatch();
                    sinceVacuum += relayed;
                } while (relayed == config.batchSize());
                if (config.vacuumAfter() > 0 && sinceVacuum >= config.vacuumAfter()) {
                    sinceVacuum = 0;
                    vacuum();
                }
                backoffMs = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.increment();
                backoffMs = Math.min(Math.max(backoffMs * 2, 500), 30_000);
                LOG.warnf("outbox relay failed, retrying in %d ms: %s", backoffMs, e.getMessage());
            }
        }
        try {
            relayBatch();
        } catch (Exception e) {
            LOG.warnf("final outbox relay failed; events stay in the outbox: %s", e.getMessage());
        }
    }

    /**
     * Publishes one batch in id order and deletes what the broker acknowledged; returns how many it published.
     * It stops at the first event that fails: a broker that is down or slow leaves the rest for the next round;
     * an event the broker rejects for itself is counted and, after {@code max-attempts}, parked.
     */
    int relayBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return 0;
                }
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                Failure failure = null;
                try (PreparedStatement select = c.prepareStatement("""
                        SELECT id, topic, record_key, headers, payload FROM outbox_event
                        WHERE parked_at IS NULL ORDER BY id LIMIT ?""")) {
                    select.setInt(1, config.batchSize());
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            long id = rs.getLong(1);
                            ProducerRecord<String, String> record;
                            try {
                                record = record(rs);
                            } catch (Exception e) {
                                failure = new Failure(id, "unreadable outbox row: " + e.getMessage(), true);
                                break;
                            }
                            ids.add(id);
                            sends.add(producer.send(record));
                        }
                    }
                }
                producer.flush();
                int acknowledged = 0;
                long deadline = System.nanoTime() + config.sendTimeout().toNanos();
                for (int i = 0; i < sends.size(); i++) {
                    try {
                        sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        acknowledged++;
                    } catch (ExecutionException e) {
                        boolean eventsFault = !(e.getCause() instanceof RetriableException);
                        failure = new Failure(ids.get(i), String.valueOf(e.getCause()), eventsFault);
                        break;
                    } catch (TimeoutException e) {
                        failure = new Failure(ids.get(i), "no acknowledgement within " + config.sendTimeout(), false);
                        break;
                    }
                }
                if (acknowledged > 0) {
                    try (PreparedStatement delete = c.prepareStatement(
                            "DELETE FROM outbox_event WHERE id = ANY (?)")) {
                        Array array = c.createArrayOf("bigint", ids.subList(0, acknowledged).toArray());
                        delete.setArray(1, array);
                        delete.executeUpdate();
                    }
                }
                if (failure != null && failure.eventsFault()) {
                    recordAttempt(c, failure);
                }
                c.commit();
                published.increment(acknowledged);
                if (failure != null) {
                    throw new IllegalStateException("event " + failure.id() + " not published: " + failure.reason());
                }
                return acknowledged;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Vacuums the outbox table so that its dead rows do not pile up between autovacuum's visits. */
    private void vacuum() {
        try (Connection c = dataSource.getConnection(); Statement vacuum = c.createStatement()) {
            c.setAutoCommit(true);
            vacuum.execute("VACUUM outbox_event");
            vacuums.increment();
        } catch (SQLException e) {
            LOG.debugf("vacuuming the outbox table failed (autovacuum will do it): %s", e.getMessage());
        }
    }

    /** Why an event could not be published, and whether the event itself is to blame. */
    private record Failure(long id, String reason, boolean eventsFault) {
    }

    private void recordAttempt(Connection c, Failure failure) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE outbox_event SET attempts = attempts + 1, last_error = ?,
                       parked_at = CASE WHEN attempts + 1 >= ? THEN now() END
                WHERE id = ? RETURNING parked_at""")) {
            update.setString(1, failure.reason());
            update.setInt(2, config.maxAttempts());
            update.setLong(3, failure.id());
            try (ResultSet rs = update.executeQuery()) {
                if (rs.next() && rs.getTimestamp(1) != null) {
                    parked.increment();
                    LOG.errorf("outbox event %d parked after %d attempts: %s; publish it again with "
                            + "UPDATE outbox_event SET parked_at = NULL, attempts = 0 WHERE id = %d",
                            failure.id(), config.maxAttempts(), failure.reason(), failure.id());
                }
            }
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_ID);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static ProducerRecord<String, String> record(ResultSet rs) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(rs.getString("topic"), rs.getString("record_key"),
                rs.getString("payload"));
        Map<String, String> headers = EventCodec.instance().mapper().readValue(rs.getString("headers"),
                new TypeReference<Map<String, String>>() {
                });
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
