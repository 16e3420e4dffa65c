package dev.marquee.gateway.rest;

import dev.marquee.commons.rest.Patterns;
import dev.marquee.gateway.downstream.CatalogFilter;
import dev.marquee.gateway.downstream.ListQuery;
import dev.marquee.gateway.downstream.Relay;
import dev.marquee.gateway.downstream.RecommendationClient;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Recommendations and the catalog (served by recommendation-service). Filters: genre, kind, region,
 * maxAgeRating.
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations and catalog")
public class CatalogResource {
    private static final String SERVICE = "recommendation-service";

    private final RecommendationClient recommendations;
    private final Relay relay;

    public CatalogResource(@RestClient RecommendationClient recommendations, Relay relay) {
        this.recommendations = recommendations;
        this.relay = relay;
    }

    @GET
    @Path("/recommendations")
    @Operation(summary = "Recommendations for the caller, each with the reason it is there; quote the "
            + "recommendationId with the interactions it leads to, or pass it back for the next page (no repeats). "
            + "strategy names a configured strategy instead of the caller's experiment variant; exclude is "
            + "repeatable")
    public Response recommendations(@QueryParam("k") @Pattern(regexp = Patterns.NUMBER) String k,
                                    @BeanParam CatalogFilter filter, @BeanParam ListQuery list,
                                    @QueryParam("strategy") @Size(max = 40) String strategy) {
        return relay.relay(SERVICE, "/api/v1/", () -> recommendations.recommendations(k, filter, list, strategy));
    }

    @GET
    @Path("/trending")
    @Operation(summary = "The most popular titles now")
    public Response trending(@QueryParam("k") @Pattern(regexp = Patterns.NUMBER) String k,
                             @BeanParam CatalogFilter filter, @BeanParam ListQuery list) {
        return relay.relay(SERVICE, "/api/v1/", () -> recommendations.trending(k, filter, list));
    }

    @GET
    @Path("/titles/{id}/similar")
    @Operation(summary = "Titles similar to one title, by content and by what its viewers also enjoyed")
    public Response similar(@PathParam("id") @Pattern(regexp = Patterns.TITLE_ID, message = "must be a title id")
                            String id, @QueryParam("k") @Pattern(regexp = Patterns.NUMBER) String k,
                            @BeanParam CatalogFilter filter, @BeanParam ListQuery list) {
        return relay.relay(SERVICE, "/api/v1/", () -> recommendations.similar(id, k, filter, list));
    }

    @GET
    @Path("/titles")
    @Operation(summary = "Search titles by words of their name or synopsis, and by filters")
    public Response search(@QueryParam("query") @Size(max = 200) String query, @BeanParam CatalogFilter filter,
                           @QueryParam("page") @Pattern(regexp = Patterns.NUMBER) String page,
                           @QueryParam("size") @Pattern(regexp = Patterns.NUMBER) String size) {
        return relay.relay(SERVICE, "/api/v1/", () -> recommendations.search(query, filter, page, size));
    }

    @GET
    @Path("/titles/{id}")
    @Operation(summary = "Details of one title")
    public Response title(@PathParam("id") @Pattern(regexp = Patterns.TITLE_ID, message = "must be a title id")
                          String id) {
        return relay.relay(SERVICE, "/api/v1/", () -> recommendations.title(id));
    }
}
