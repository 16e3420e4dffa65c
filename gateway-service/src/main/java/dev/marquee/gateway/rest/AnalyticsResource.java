package dev.marquee.gateway.rest;

import dev.marquee.gateway.downstream.AnalyticsClient;
import dev.marquee.gateway.downstream.Relay;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Aggregates for operators and analysts (served by analytics-service). */
@Path("/api/v1/analytics")
@RolesAllowed({"analyst", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
public class AnalyticsResource {
    private final AnalyticsClient analytics;
    private final Relay relay;

    public AnalyticsResource(@RestClient AnalyticsClient analytics, Relay relay) {
        this.analytics = analytics;
        this.relay = relay;
    }

    @GET
    @Path("/counts")
    @Operation(summary = "Event counts per metric and time window (analyst or admin role)")
    public Response counts(@QueryParam("metric") @Pattern(regexp = "[a-z][a-z0-9_.-]{0,63}") String metric,
                           @QueryParam("from") @Size(max = 40) String from,
                           @QueryParam("to") @Size(max = 40) String to) {
        return relay.relay("analytics-service", "/api/v1/analytics/", () -> analytics.counts(metric, from, to));
    }
}
