package dev.marquee.gateway.downstream;

import dev.marquee.commons.security.BearerTokenPropagation;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** recommendation-service's internal API. */
@RegisterRestClient(configKey = "recommendation")
@RegisterClientHeaders(BearerTokenPropagation.class)
@Path("/v1")
public interface RecommendationClient {
    @GET
    @Path("/recommendations")
    Response recommendations(@QueryParam("k") String k, @BeanParam CatalogFilter filter, @BeanParam ListQuery list,
                             @QueryParam("strategy") String strategy);

    @GET
    @Path("/trending")
    Response trending(@QueryParam("k") String k, @BeanParam CatalogFilter filter, @BeanParam ListQuery list);

    @GET
    @Path("/titles/{id}/similar")
    Response similar(@PathParam("id") String id, @QueryParam("k") String k, @BeanParam CatalogFilter filter,
                     @BeanParam ListQuery list);

    @GET
    @Path("/titles")
    Response search(@QueryParam("query") String query, @BeanParam CatalogFilter filter,
                    @QueryParam("page") String page, @QueryParam("size") String size);

    @GET
    @Path("/titles/{id}")
    Response title(@PathParam("id") String id);

    @POST
    @Path("/admin/titles")
    @Consumes(MediaType.APPLICATION_JSON)
    Response upsertTitles(Object titles);

    @DELETE
    @Path("/admin/titles/{id}")
    Response deleteTitle(@PathParam("id") String id);

    @POST
    @Path("/admin/titles/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    Response deleteTitles(Object deletion);
}
