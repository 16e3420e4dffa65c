package dev.marquee.gateway.downstream;

import dev.marquee.commons.security.BearerTokenPropagation;
import jakarta.ws.rs.Consumes;
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

/** privacy-service's internal API. */
@RegisterRestClient(configKey = "privacy")
@RegisterClientHeaders(BearerTokenPropagation.class)
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
public interface PrivacyClient {
    @GET
    @Path("/consent")
    Response consent();

    @PUT
    @Path("/consent")
    Response changeConsent(Object update);

    @GET
    @Path("/consent/brands")
    Response consentInEveryBrand();

    @GET
    @Path("/consent/history")
    Response consentHistory(@QueryParam("page") String page, @QueryParam("size") String size);

    @POST
    @Path("/erasure-requests")
    Response requestErasure();

    @GET
    @Path("/erasure-requests")
    Response erasureRequests(@QueryParam("page") String page, @QueryParam("size") String size);

    @GET
    @Path("/erasure-requests/{id}")
    Response erasureRequest(@PathParam("id") String id);

    @GET
    @Path("/erasure-requests/{id}/receipt")
    Response erasureReceipt(@PathParam("id") String id);

    @POST
    @Path("/export-requests")
    Response requestExport();

    @GET
    @Path("/export-requests")
    Response exportRequests(@QueryParam("page") String page, @QueryParam("size") String size);

    @GET
    @Path("/export-requests/{id}")
    Response exportRequest(@PathParam("id") String id);

    @GET
    @Path("/export-requests/{id}/bundle")
    Response exportBundle(@PathParam("id") String id);
}
