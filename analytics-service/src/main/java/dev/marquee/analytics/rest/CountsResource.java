package dev.marquee.analytics.rest;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.analytics.streams.CountsQuery;
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

import java.time.Instant;
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
        TimeRange range = TimeRange.of(from, to, config);
        return new Counts(range.from(), range.to(), config.window().toString(),
                query.counts(metric, range.from(), range.to()));
    }
}
