package dev.marquee.analytics.rest;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.analytics.streams.AggregatesQuery;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/**
 * Engagement, satisfaction, conversion and model usage per window, as the analyst topics carry them. Analysts see
 * only aggregates over at least k users with analytics consent; admins (operators) see every aggregate.
 */
@Path("/v1/aggregates")
@RolesAllowed({"analyst", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
public class AggregatesResource {
    private final AggregatesQuery query;
    private final AnalyticsConfig config;
    private final SecurityIdentity identity;

    public AggregatesResource(AggregatesQuery query, AnalyticsConfig config, SecurityIdentity identity) {
        this.query = query;
        this.config = config;
        this.identity = identity;
    }

    /**
     * The aggregates of a time range.
     *
     * @param minUsers   k: aggregates over fewer users are left out for analysts
     * @param aggregates records of the family's analyst topic (EngagementWindow, SatisfactionWindow,
     *                   ConversionWindow or ModelUsageWindow), ordered by window start
     */
    public record Aggregates(String family, String granularity, Instant from, Instant to, int minUsers,
                             boolean kAnonymousOnly, List<Object> aggregates) {
    }

    @GET
    @Path("/{family}")
    @Operation(summary = "Aggregates of one family (engagement, satisfaction, conversion, model-usage) in hourly or "
            + "daily windows starting within [from, to] (ISO-8601 instants; default: the last 24 hours)")
    public Aggregates aggregates(@PathParam("family") String family,
                                 @QueryParam("granularity") @DefaultValue("hour") String granularity,
                                 @QueryParam("from") String from,
                                 @QueryParam("to") String to) {
        TimeRange range = TimeRange.of(from, to, config);
        boolean kAnonymousOnly = !identity.hasRole("admin");
        return new Aggregates(family, granularity, range.from(), range.to(), config.minUsers(), kAnonymousOnly,
                query.aggregates(family, granularity, range.from(), range.to(), kAnonymousOnly));
    }
}
