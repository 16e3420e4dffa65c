package dev.marquee.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.marquee.events.EventCodec;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;

/**
 * Enforces retention periods: deletes the rows of a data type that are older than its period, in batches of
 * their own transaction (so that a run never holds a long transaction or many locks), on one instance at a time
 * (a job lock, {@link Locks#tryLockJob}), and reports what it did: metrics {@code marquee.retention.deleted}
 * (counter per type and table), {@code marquee.retention.last.success} (gauge, epoch seconds of this instance's
 * last finished run per type) and {@code marquee.retention.failures}; a log line per run; and the
 * {@code retention_run} table, from which {@link #report} answers the same on every instance.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public Retention(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    /** One batch of one kind of row: the expired rows a step deletes, with the rows that depend on them. */
    @FunctionalInterface
    public interface Step {
        /**
         * Deletes at most {@code limit} expired rows in the open transaction of {@code c}, together with the rows
         * that depend on them, and tells {@code deleted} how many rows of each table went.
         *
         * @param cutoff rows older than this are expired
         * @return how many expired rows the batch took: fewer than {@code limit} means none are left
         */
        long deleteBatch(Connection c, Timestamp cutoff, int limit, ObjLongConsumer<String> deleted)
                throws SQLException;
    }

    /**
     * The retention of one data type.
     *
     * @param type       its name in metrics, logs and the report (transcripts, feedback, interactions, ...)
     * @param period     how long its rows are kept; zero keeps them forever
     * @param oldestKept a query of one timestamp: when the oldest row still kept was written (null if none)
     * @param steps      the deletions, in order: dependent rows of one step may be what a later step looks at
     */
    public record Policy(String type, Duration period, String oldestKept, List<Step> steps) {
        public Policy {
            if (period.isNegative()) {
                throw new IllegalArgumentException("the retention period of " + type + " is negative: " + period);
            }
            steps = List.copyOf(steps);
        }

        public boolean keptForever() {
            return period.isZero();
        }
    }

    /** What one finished run deleted, per table. */
    public record Run(String type, Instant cutoff, Map<String, Long> deleted) {
        public long total() {
            return deleted.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The simplest step: rows of {@code table} whose {@code timeColumn} is older than the cutoff, nothing
     * depending on them. Rows another transaction holds are left for the next run. Table and column are the
     * caller's constants, never input.
     */
    public static Step expired(String table, String timeColumn) {
        String sql = "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table + " WHERE "
                + timeColumn + " < ? LIMIT ? FOR UPDATE SKIP LOCKED))";
        return (c, cutoff, limit, deleted) -> {
            try (PreparedStatement delete = c.prepareStatement(sql)) {
                delete.setTimestamp(1, cutoff);
                delete.setInt(2, limit);
                int n = delete.executeUpdate();
                deleted.accept(table, n);
                return n;
            }
        };
    }

    /**
     * Enforces each policy in turn; a policy that fails is logged and counted, and the others still run.
     *
     * @param now the moment the periods are counted back from
     * @return the runs that finished here (not those kept forever, done by another instance, or failed)
     */
    @Transactional(Transactional.TxType.NEVER)
    public List<Run> enforce(List<Policy> policies, int batchSize, Instant now) {
        List<Run> runs = new ArrayList<>();
        for (Policy policy : policies) {
            try {
                enforce(policy, batchSize, now).ifPresent(runs::add);
            } catch (RuntimeException e) {
                // enforce logged and counted it; the next check tries again
            }
        }
        return runs;
    }

    /**
     * Deletes the policy's expired rows, batch by batch, unless its rows are kept forever or another instance is
     * at it (then empty). Must not run inside a transaction: each batch commits on its own.
     *
     * @param now the moment the period is counted back from
     */
    @Transactional(Transactional.TxType.NEVER)
    public Optional<Run> enforce(Policy policy, int batchSize, Instant now) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the retention batch size must be positive: " + batchSize);
        }
        lastSuccessOf(policy.type());
        if (policy.keptForever()) {
            LOG.debugf("retention %s: kept forever", policy.type());
            return Optional.empty();
        }
        String job = "retention:" + policy.type();
        Instant cutoff = now.minus(policy.period());
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (!Locks.tryLockJob(c, job)) {
                LOG.debugf("retention %s: another instance is at it", policy.type());
                return Optional.empty();
            }
            boolean autoCommit = c.getAutoCommit();
            try {
                c.setAutoCommit(false);
                Map<String, Long> deleted = run(c, policy, Timestamp.from(cutoff), batchSize);
                lastSuccessOf(policy.type()).set(Instant.now().getEpochSecond());
                Run run = new Run(policy.type(), cutoff, deleted);
                LOG.infof("retention %s: deleted %d rows written before %s (period %s) in %d ms: %s",
                        policy.type(), run.total(), cutoff, RetentionReport.iso(policy.period()),
                        (System.nanoTime() - started) / 1_000_000, deleted);
                return Optional.of(run);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
                Locks.unlockJob(c, job);
            }
        } catch (SQLException | RuntimeException e) {
            Counter.builder("marquee.retention.failures").tag("type", policy.type())
                    .description("Retention runs that failed; the next check tries again").register(registry)
                    .increment();
            LOG.errorf(e, "retention %s failed; rows deleted by committed batches stay deleted", policy.type());
            throw e instanceof RuntimeException r ? r : new IllegalStateException("retention failed", e);
        }
    }

    private Map<String, Long> run(Connection c, Policy policy, Timestamp cutoff, int batchSize) throws SQLException {
        try (PreparedStatement begin = c.prepareStatement("""
                INSERT INTO retention_run (data_type, first_run_at) VALUES (?, now())
                ON CONFLICT (data_type) DO NOTHING""")) {
            begin.setString(1, policy.type());
            begin.executeUpdate();
        }
        c.commit();
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (Step step : policy.steps()) {
            long taken;
            do {
                Map<String, Long> batch = new LinkedHashMap<>();
                taken = step.deleteBatch(c, cutoff, batchSize, (table, n) -> batch.merge(table, n, Long::sum));
                long rows = batch.values().stream().mapToLong(Long::longValue).sum();
                try (PreparedStatement count = c.prepareStatement(
                        "UPDATE retention_run SET total_deleted = total_deleted + ? WHERE data_type = ?")) {
                    count.setLong(1, rows);
                    count.setString(2, policy.type());
                    count.executeUpdate();
                }
                c.commit();
                batch.forEach((table, n) -> {
                    deleted.merge(table, n, Long::sum);
                    Counter.builder("marquee.retention.deleted").tag("type", policy.type()).tag("table", table)
                            .description("Rows deleted because their retention period ended").register(registry)
                            .increment(n);
                });
            } while (taken >= batchSize);
        }
        try (PreparedStatement finish = c.prepareStatement("""
                UPDATE retention_run SET last_run_at = now(), last_cutoff = ?, last_deleted = ?::jsonb
                WHERE data_type = ?""")) {
            finish.setTimestamp(1, cutoff);
            finish.setString(2, EventCodec.instance().mapper().writeValueAsString(deleted));
            finish.setString(3, policy.type());
            finish.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        c.commit();
        return deleted;
    }

    /** The gauge of a type's last finished run on this instance, registered with the type's first check. */
    private AtomicLong lastSuccessOf(String type) {
        return lastSuccess.computeIfAbsent(type, t -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder("marquee.retention.last.success", seconds, AtomicLong::get).tag("type", t)
                    .baseUnit("seconds")
                    .description("When this instance last finished a retention run (epoch seconds, 0: never); "
                            + "with several instances take the maximum")
                    .register(registry);
            return seconds;
        });
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debugf("rollback after a failed retention batch failed: %s", e.getMessage());
        }
    }

    /** What each policy did and keeps, as recorded by whichever instance ran it. */
    public RetentionReport report(RetentionSettings settings, List<Policy> policies) {
        Instant now = Instant.now();
        List<RetentionReport.DataType> types = new ArrayList<>(policies.size());
        try (Connection c = dataSource.getConnection()) {
            for (Policy policy : policies) {
                types.add(report(c, policy, now));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the retention record", e);
        }
        return new RetentionReport(RetentionReport.iso(settings.checkInterval()), types);
    }

    private static RetentionReport.DataType report(Connection c, Policy policy, Instant now)
            throws SQLException, JsonProcessingException {
        Instant oldest;
        try (PreparedStatement ps = c.prepareStatement(policy.oldestKept()); ResultSet rs = ps.executeQuery()) {
            oldest = rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null;
        }
        String period = policy.keptForever() ? null : RetentionReport.iso(policy.period());
        String age = oldest == null ? null : RetentionReport.iso(Duration.between(oldest, now));
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT first_run_at, total_deleted, last_run_at, last_cutoff, last_deleted::text
                FROM retention_run WHERE data_type = ?""")) {
            ps.setString(1, policy.type());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new RetentionReport.DataType(policy.type(), period, null, null, 0, Map.of(), 0, null,
                            oldest, age);
                }
                Map<String, Long> last = rs.getString(5) == null ? Map.of() : EventCodec.instance().mapper()
                        .readValue(rs.getString(5), new TypeReference<LinkedHashMap<String, Long>>() {
                        });
                return new RetentionReport.DataType(policy.type(), period, instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), last.values().stream().mapToLong(Long::longValue).sum(), last,
                        rs.getLong(2), instant(rs.getTimestamp(1)), oldest, age);
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
