package dev.marquee.dialogue.catalog;

import dev.marquee.commons.security.BearerTokenPropagation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/**
 * recommendation-service's catalog and recommendations, called with the user's own bearer token so that
 * the user id it sees is the verified one.
 */
@RegisterRestClient(configKey = "recommendation")
@RegisterClientHeaders(BearerTokenPropagation.class)
@Path("/v1")
public interface CatalogClient {

    @GET
    @Path("/recommendations")
    RecommendationList recommendations(@QueryParam("k") int k, @QueryParam("genre") String genre,
                                       @QueryParam("kind") List<String> kinds, @QueryParam("source") String source);

    @GET
    @Path("/titles")
    TitlePage search(@QueryParam("query") String query, @QueryParam("size") int size);

    @GET
    @Path("/catalog/facets")
    Facets facets();

    /** A catalog title. */
    record CatalogTitle(String id, String kind, String name, String synopsis, List<String> genres, int year,
                        int ageRating) {
    }

    /** A recommended title and why. */
    record RecommendedTitle(String titleId, String name, String kind, List<String> genres, int year,
                            int ageRating, double score, String reason) {
    }

    /** A served recommendation list. */
    record RecommendationList(String recommendationId, String strategy, String variant,
                              List<RecommendedTitle> items) {
    }

    /** A page of search results. */
    record TitlePage(List<CatalogTitle> items, int page, int size, long total) {
    }

    /** The catalog's genres and kinds. */
    record Facets(List<String> genres, List<String> kinds) {
    }
}
