package dev.marquee.analytics.rest;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.commons.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The time range of a query: ISO-8601 instants, {@code to} defaulting to now and {@code from} to the default
 * lookback before it, no longer than the time aggregates are kept.
 */
record TimeRange(Instant from, Instant to) {

    static TimeRange of(String from, String to, AnalyticsConfig config) {
        Instant end = instant("to", to, Instant.now());
        Instant start = instant("from", from, end.minus(config.defaultLookback()));
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("'from' must not be after 'to'");
        }
        if (Duration.between(start, end).compareTo(config.retention()) > 0) {
            throw ProblemException.badRequest("a query may span at most " + config.retention().toDays()
                    + " days, the time aggregates are kept");
        }
        return new TimeRange(start, end);
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name + "' must be an ISO-8601 instant such as "
                    + "2026-11-26T10:00:00Z");
        }
    }
}
