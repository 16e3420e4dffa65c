package dev.marquee.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the outbox relay ({@code marquee.outbox.*}). */
@ConfigMapping(prefix = "marquee.outbox")
public interface OutboxConfig {
    /** How often the relay looks for unpublished events when no commit woke it. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long the relay waits after being woken before it reads the outbox, so that the events of commits
     * arriving together go out in one batch: one read, one produce request and one delete instead of one each.
     * Under load this is what keeps the broker's and PostgreSQL's work per event small; idle, it is the delay
     * an event adds. Zero publishes at once.
     */
    @WithDefault("5ms")
    Duration linger();

    /**
     * After this many events were published and deleted, the relay vacuums the outbox table itself (0: never).
     * The table is a queue: every event is one dead row once published. Autovacuum visits a table at most once a
     * minute ({@code autovacuum_naptime}), so at a thousand events a second the table bloats by a minute of
     * events, and reading the few pending rows out of it costs PostgreSQL more than writing them did.
     */
    @WithDefault("10000")
    int vacuumAfter();

    /** Events published per batch. */
    @WithDefault("500")
    int batchSize();

    /** How long to wait for the broker to acknowledge a batch. */
    @WithDefault("30s")
    Duration sendTimeout();

    /**
     * How many times an event the broker rejects for itself (too large, unknown topic, unreadable row) is tried
     * before it is parked; a broker that is down does not count.
     */
    @WithDefault("10")
    int maxAttempts();
}
