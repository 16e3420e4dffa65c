package dev.marquee.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the outbox relay and the inbox ({@code marquee.outbox.*}). */
@ConfigMapping(prefix = "marquee.outbox")
public interface OutboxConfig {
    /** How often the relay looks for unpublished events when no commit woke it. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events published per batch. */
    @WithDefault("500")
    int batchSize();

    /** How long to wait for the broker to acknowledge a batch. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** How long consumed event ids are remembered for de-duplication. */
    @WithDefault("7d")
    Duration inboxRetention();
}
