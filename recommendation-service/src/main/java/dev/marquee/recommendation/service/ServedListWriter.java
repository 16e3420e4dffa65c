package dev.marquee.recommendation.service;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.events.EventEnvelope;
import dev.marquee.outbox.Outbox;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stores new served lists with their {@code RecommendationServed} events by group commit: the lists of requests
 * that arrive together are written by one thread in one transaction (one multi-row insert into
 * {@code served_list}, one into the outbox, one commit), and each request returns only once its list is
 * committed. Under load this replaces a transaction per request (begin, two inserts, a lock, a commit) with one
 * per batch, which is most of what PostgreSQL and the JDBC layer spent per request; a request alone waits for no
 * one. If a batch fails, its lists are retried one by one, so that one bad list fails only its own request.
 */
@ApplicationScoped
public class ServedListWriter {
    private static final Logger LOG = Logger.getLogger(ServedListWriter.class);
    private static final int MAX_BATCH = 256;
    private static final long WAIT_SECONDS = 10;

    /** A list to store and the event announcing it. */
    public record ServedList(UUID recommendationId, String userId, String strategy, String variant,
                             String requestJson, String[] titleIds, Timestamp createdAt, EventEnvelope event) {
    }

    private record Pending(ServedList list, CompletableFuture<Void> done) {
    }

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final DistributionSummary batches;
    private volatile boolean running;
    private Thread worker;

    public ServedListWriter(AgroalDataSource dataSource, Outbox outbox, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.batches = DistributionSummary.builder("marquee.recommendation.served.batch")
                .description("Served lists stored per transaction (group commit)").register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        worker = Thread.ofPlatform().name("served-list-writer").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failAll("the service is stopping");
    }

    /** Stores a list and its event; returns once both are committed, throws if they could not be. */
    public void write(ServedList list) {
        if (!running) {
            throw ProblemException.unavailable("recommendation-service", "the service is stopping");
        }
        Pending pending = new Pending(list, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the served list was stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the served list could not be stored", e.getCause());
        } catch (TimeoutException e) {
            throw ProblemException.unavailable("PostgreSQL", "the served list was not stored in time");
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        // After a stop, whatever is still queued is stored if the database lets us.
        while (running || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                store(batch);
            } catch (RuntimeException e) {
                if (batch.size() == 1) {
                    first.done().completeExceptionally(e);
                } else {
                    LOG.debugf(e, "a batch of %d served lists failed; storing them one by one", batch.size());
                    for (Pending pending : batch) {
                        try {
                            store(List.of(pending));
                        } catch (RuntimeException single) {
                            pending.done().completeExceptionally(single);
                        }
                    }
                }
            }
            batch.clear();
        }
    }

    private void store(List<Pending> batch) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement insert = c.prepareStatement("""
                         INSERT INTO served_list (recommendation_id, user_id, strategy, variant, request, title_ids,
                                                  pages, created_at)
                         VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, 1, ?)""")) {
                for (Pending pending : batch) {
                    ServedList list = pending.list();
                    insert.setObject(1, list.recommendationId());
                    insert.setString(2, list.userId());
                    insert.setString(3, list.strategy());
                    insert.setString(4, list.variant());
                    insert.setString(5, list.requestJson());
                    insert.setArray(6, c.createArrayOf("text", list.titleIds()));
                    insert.setTimestamp(7, list.createdAt());
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store served lists", e);
            }
            outbox.addAll(batch.stream().map(p -> p.list().event()).toList());
        });
        batches.record(batch.size());
        for (Pending pending : batch) {
            pending.done().complete(null);
        }
    }

    private void failAll(String reason) {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending pending : left) {
            pending.done().completeExceptionally(ProblemException.unavailable("recommendation-service", reason));
        }
    }
}
