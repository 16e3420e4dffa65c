package dev.marquee.dialogue.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/**
 * recommendation-service on a user's behalf, with the user's own bearer token passed explicitly (turns may
 * run on threads without the request's context), so that the user id it sees is the verified one.
 */
@RegisterRestClient(configKey = "recommendation")
@Path("/v1")
public interface CatalogClient {

    @GET
    @Path("/recommendations")
    RecommendationList recommendations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                       @QueryParam("k") int k, @QueryParam("genre") String genre,
                                       @QueryParam("kind") List<String> kinds,
                                       @QueryParam("maxAgeRating") int maxAgeRating,
                                       @QueryParam("region") String region, @QueryParam("source") String source);

    @GET
    @Path("/activity")
    List<Activity> activity(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @QueryParam("size") int size);

    /** A recommended title and why. */
    record RecommendedTitle(String titleId, String name, String kind, List<String> genres, int year,
                            int ageRating, double score, String reason) {
    }

    /** A served recommendation list. */
    record RecommendationList(String recommendationId, String strategy, String variant,
                              List<RecommendedTitle> items) {
    }

    /** Something the user did with a title. */
    record Activity(String titleId, String name, String kind, String type, Instant occurredAt) {
    }
}
