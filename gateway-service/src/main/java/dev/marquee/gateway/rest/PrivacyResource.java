package dev.marquee.gateway.rest;

import dev.marquee.commons.rest.Patterns;
import dev.marquee.gateway.downstream.PrivacyClient;
import dev.marquee.gateway.downstream.Relay;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Map;

/** The caller's consent, erasure and export requests (served by privacy-service). */
@Path("/api/v1/privacy")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy")
public class PrivacyResource {
    private static final String SERVICE = "privacy-service";
    private static final String PUBLIC_ROOT = "/api/v1/privacy/";

    private final PrivacyClient privacy;
    private final Relay relay;

    public PrivacyResource(@RestClient PrivacyClient privacy, Relay relay) {
        this.privacy = privacy;
        this.relay = relay;
    }

    /**
     * Consent decisions.
     *
     * @param purposes      personalization, analytics, model_improvement and/or marketing, each true or false
     * @param policyVersion the privacy policy version the user saw
     * @param source        where the user decided, e.g. web-privacy-page
     */
    public record ConsentUpdate(@NotEmpty Map<@NotNull String, @NotNull Boolean> purposes,
                                @Pattern(regexp = "[A-Za-z0-9._-]{1,32}") String policyVersion,
                                @Pattern(regexp = "[a-z0-9-]{1,64}") String source) {
    }

    @GET
    @Path("/consent")
    @Operation(summary = "The caller's consent per purpose in the brand of their token")
    public Response consent() {
        return relay.relay(SERVICE, PUBLIC_ROOT, privacy::consent);
    }

    @PUT
    @Path("/consent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant or withdraw consent per purpose in the brand of the caller's token")
    public Response changeConsent(@Valid @NotNull ConsentUpdate update) {
        return relay.relay(SERVICE, PUBLIC_ROOT, () -> privacy.changeConsent(update));
    }

    @GET
    @Path("/consent/brands")
    @Operation(summary = "The caller's consent in every brand they decided in")
    public Response consentInEveryBrand() {
        return relay.relay(SERVICE, PUBLIC_ROOT, privacy::consentInEveryBrand);
    }

    @GET
    @Path("/consent/history")
    @Operation(summary = "Every change the caller made to their consent, in every brand, oldest first; "
            + "paged (page from 0, size up to 100, default 20)")
    public Response consentHistory(@QueryParam("page") @Pattern(regexp = Patterns.NUMBER) String page,
            @QueryParam("size") @Pattern(regexp = Patterns.NUMBER) String size) {
        return relay.relay(SERVICE, PUBLIC_ROOT, () -> privacy.consentHistory(page, size));
    }

    @POST
    @Path("/erasure-requests")
    @Operation(summary = "Ask for all of the caller's data to be erased (202, with the request's status URL)")
    public Response requestErasure() {
        return relay.relay(SERVICE, PUBLIC_ROOT, privacy::requestErasure);
    }

    @GET
    @Path("/erasure-requests")
    @Operation(summary = "The caller's erasure requests, newest first; paged (page from 0, size up to 100, "
            + "default 20)")
    public Response erasureRequests(@QueryParam("page") @Pattern(regexp = Patterns.NUMBER) String page,
            @QueryParam("size") @Pattern(regexp = Patterns.NUMBER) String size) {
        return relay.relay(SERVICE, PUBLIC_ROOT, () -> privacy.erasureRequests(page, size));
    }

    @GET
    @Path("/erasure-requests/{id}")
    @Operation(summary = "Status of one erasure request, with each service's confirmation")
    public Response erasureRequest(@PathParam("id") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE)
                                   String id) {
        return relay.relay(SERVICE, PUBLIC_ROOT, () -> privacy.erasureRequest(id));
    }

    @GET
    @Path("/erasure-requests/{id}/receipt")
    @Operation(summary = "The receipt of a completed erasure: every service and what it erased (409 while pending)")
    public Response erasureReceipt(@PathParam("id") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE)
                                   String id) {
        return relay.relay(SERVICE, PUBLIC_ROOT, () -> privacy.erasureReceipt(id));
    }

    @POST
    @Path("/export-requests")
    @Operation(summary = "Ask for a copy of all of the caller's data (202, with the request's status URL)")
    public Response requestExport() {
        return relay.relay(SERVICE, PUBLIC_ROOT, privacy::requestExport);
    }

    @GET
    @Path("/export-requests")
    @Operation(summary = "The caller's export requests, newest first; paged (page from 0, size up to 100, "
            + "default 20)")
    public Response exportRequests(@QueryParam("page") @Pattern(regexp = Patterns.NUMBER) String page,
            @QueryParam("size") @Pattern(regexp = Patterns.NUMBER) String size) {
        return relay.relay(SERVICE, PUBLIC_ROOT, () -> privacy.exportRequests(page, size));
    }

    @GET
    @Path("/export-requests/{id}")
    @Operation(summary = "Status of one export request, with the services that contributed")
    public Response exportRequest(@PathParam("id") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE)
                                  String id) {
        return relay.relay(SERVICE, PUBLIC_ROOT, () -> privacy.exportRequest(id));
    }

    @GET
    @Path("/export-requests/{id}/bundle")
    @Operation(summary = "Download a completed export: one JSON document with every service's data (409 while "
            + "pending, 410 once deleted)")
    public Response exportBundle(@PathParam("id") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE)
                                 String id) {
        return relay.relay(SERVICE, PUBLIC_ROOT, () -> privacy.exportBundle(id));
    }
}
