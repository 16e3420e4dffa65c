package dev.marquee.gateway.downstream;

import dev.marquee.commons.security.BearerTokenPropagation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** dialogue-service's internal API. */
@RegisterRestClient(configKey = "dialogue")
@RegisterClientHeaders(BearerTokenPropagation.class)
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
public interface DialogueClient {
    @POST
    @Path("/turns")
    Response turn(Object request);

    @POST
    @Path("/turns/{turnId}/feedback")
    Response feedback(@PathParam("turnId") String turnId, Object request);

    @GET
    @Path("/conversations")
    Response conversations(@QueryParam("page") String page, @QueryParam("size") String size);

    @GET
    @Path("/conversations/{id}")
    Response conversation(@PathParam("id") String id);

    @DELETE
    @Path("/conversations/{id}")
    Response deleteConversation(@PathParam("id") String id);

    @GET
    @Path("/posters/{titleId}.svg")
    Response poster(@PathParam("titleId") String titleId);

    @GET
    @Path("/admin/personas")
    Response personas();

    @GET
    @Path("/admin/personas/{id}")
    Response persona(@PathParam("id") String id);

    @GET
    @Path("/admin/personas/{id}/versions")
    Response personaVersions(@PathParam("id") String id);

    @PUT
    @Path("/admin/personas/{id}")
    Response putPersona(@PathParam("id") String id, Object persona);
}
