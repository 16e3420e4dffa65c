package dev.marquee.outbox;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How a service's retention jobs run; each service's retention configuration extends this with the period of
 * every data type it owns (e.g. {@code marquee.dialogue.retention.transcripts}).
 */
public interface RetentionSettings {
    /** How often each instance looks for expired rows; one instance at a time deletes them. */
    @WithDefault("1h")
    Duration checkInterval();

    /** How long after start the first check waits. */
    @WithDefault("1m")
    Duration initialDelay();

    /** Rows deleted per transaction, so that no run holds a long transaction or many locks. */
    @WithDefault("1000")
    int batchSize();
}
