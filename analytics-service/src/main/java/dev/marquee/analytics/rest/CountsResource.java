package dev.marquee.analytics.rest;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.analytics.streams.CountsQuery;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.events.WindowedCount;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Windowed event counts, for operators and analysts. */
@Path("/v1/counts")
@RolesAllowed({"analyst", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
public class CountsResource {
    private final CountsQuery query;
    private final AnalyticsConfig config;

    public CountsResource(CountsQuery query, AnalyticsConfig config) {
        this.query = query;
        this.config = config;
    }

    /**
     * The counts of a time range.
     *
     * @param window size of each window as an ISO-8601 duration, e.g. PT1H
     */
    public record Counts(Instant from, Instant to, String window, List<WindowedCount> counts) {
    }

    @GET
    @Operation(summary = "Event counts per metric in windows starting within [from, to] (ISO-8601 instants; "
            + "default: the last 24 hours)")
    public Counts counts(@QueryParam("metric") @Pattern(regexp = "[a-z][a-z0-9_.-]{0,63}",
                                 message = "must be a metric name such as turns or interactions.play") String metric,
                         @QueryParam("from") String from,
                         @QueryParam("to") String to) {
        Instant end = instant("to", to, Instant.now());
        Instant start = instant("from", from, end.minus(config.defaultLookback()));
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("'from' must not be after 'to'");
        }
        if (Duration.between(start, end).compareTo(config.retention()) > 0) {
            throw ProblemException.badRequest("a query may span at most " + config.retention().toDays()
                    + " days, the time counts are kept");
        }
        return new Counts(start, end, config.window().toString(), query.counts(metric, start, end));
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
