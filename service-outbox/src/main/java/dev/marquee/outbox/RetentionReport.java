package dev.marquee.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a service's retention does and did, per data type; the answer of its {@code GET /v1/admin/retention}.
 * Durations are ISO-8601 ({@code P365D}, {@code P3DT4H}).
 *
 * @param checkInterval how often the jobs run
 * @param dataTypes     one entry per data type the service owns
 */
public record RetentionReport(String checkInterval, List<DataType> dataTypes) {

    /**
     * One data type.
     *
     * @param type                 transcripts, feedback, interactions, ...
     * @param period               how long its rows are kept; null when they are kept forever
     * @param lastRun              when the last run finished (on any instance); null before the first
     * @param lastCutoff           rows older than this were deleted by the last run
     * @param deletedLastRun       rows the last run deleted, over all its tables
     * @param deletedLastRunByTable the same per table (dependent rows included)
     * @param deletedTotal         rows deleted since {@code countingSince}, by every instance
     * @param countingSince        when the first run of this data type began
     * @param oldestKept           time of the oldest row kept; null when there is none
     * @param oldestKeptAge        its age now
     */
    public record DataType(String type, String period, Instant lastRun, Instant lastCutoff, long deletedLastRun,
                           Map<String, Long> deletedLastRunByTable, long deletedTotal, Instant countingSince,
                           Instant oldestKept, String oldestKeptAge) {
    }

    /** ISO-8601 with whole days as days ({@code P365D}, {@code P2DT3H}), as people read retention periods. */
    public static String iso(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        Duration rest = Duration.ofSeconds(seconds % 86_400);
        if (days == 0) {
            return rest.toString();
        }
        return rest.isZero() ? "P" + days + "D" : "P" + days + "D" + rest.toString().substring(1);
    }
}
