package dev.marquee.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.commons.rest.Patterns;
import dev.marquee.gateway.downstream.DialogueClient;
import dev.marquee.gateway.downstream.RecommendationClient;
import dev.marquee.gateway.downstream.Relay;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Administration through the public API, for the admin role only (checked here and again by the owning service):
 * brand personas (dialogue-service) and the catalog (recommendation-service). The owning services validate the
 * bodies; the gateway checks that they are JSON and within the body limit (64 KiB: bulk catalog imports go to
 * recommendation-service's import endpoint from inside the cluster).
 */
@Path("/api/v1/admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class AdminResource {
    private static final String DIALOGUE = "dialogue-service";
    private static final String RECOMMENDATION = "recommendation-service";
    private static final String PUBLIC_ROOT = "/api/v1/";

    private final DialogueClient dialogue;
    private final RecommendationClient recommendation;
    private final Relay relay;

    public AdminResource(@RestClient DialogueClient dialogue, @RestClient RecommendationClient recommendation,
                         Relay relay) {
        this.dialogue = dialogue;
        this.recommendation = recommendation;
        this.relay = relay;
    }

    @GET
    @Path("/personas")
    @Operation(summary = "Every persona in its current version (admin role)")
    public Response personas() {
        return relay.relay(DIALOGUE, PUBLIC_ROOT, dialogue::personas);
    }

    @GET
    @Path("/personas/{id}")
    @Operation(summary = "One persona in its current version (admin role)")
    public Response persona(@PathParam("id") @Pattern(regexp = Patterns.PERSONA_ID, message = "must be a persona id")
                            String id) {
        return relay.relay(DIALOGUE, PUBLIC_ROOT, () -> dialogue.persona(id));
    }

    @GET
    @Path("/personas/{id}/versions")
    @Operation(summary = "Every version of a persona, with who saved it and when (admin role)")
    public Response personaVersions(@PathParam("id") @Pattern(regexp = Patterns.PERSONA_ID,
            message = "must be a persona id") String id) {
        return relay.relay(DIALOGUE, PUBLIC_ROOT, () -> dialogue.personaVersions(id));
    }

    @PUT
    @Path("/personas/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save the next version of a persona, or create it (admin role)")
    public Response putPersona(@PathParam("id") @Pattern(regexp = Patterns.PERSONA_ID, message = "must be a persona id")
                               String id, @NotNull JsonNode persona) {
        return relay.relay(DIALOGUE, PUBLIC_ROOT, () -> dialogue.putPersona(id, persona));
    }

    @POST
    @Path("/titles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Insert or replace catalog titles given as a JSON array, all or none (admin role)")
    public Response upsertTitles(@NotNull JsonNode titles) {
        return relay.relay(RECOMMENDATION, PUBLIC_ROOT, () -> recommendation.upsertTitles(titles));
    }

    @DELETE
    @Path("/titles/{id}")
    @Operation(summary = "Remove a title from the catalog (admin role)")
    public Response deleteTitle(@PathParam("id") @Pattern(regexp = Patterns.TITLE_ID, message = "must be a title id")
                                String id) {
        return relay.relay(RECOMMENDATION, PUBLIC_ROOT, () -> recommendation.deleteTitle(id));
    }

    @POST
    @Path("/titles/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove several titles: {\"ids\": [...]} (admin role)")
    public Response deleteTitles(@NotNull JsonNode deletion) {
        return relay.relay(RECOMMENDATION, PUBLIC_ROOT, () -> recommendation.deleteTitles(deletion));
    }
}
