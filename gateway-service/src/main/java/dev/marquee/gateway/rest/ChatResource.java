package dev.marquee.gateway.rest;

import dev.marquee.commons.rest.Patterns;
import dev.marquee.gateway.downstream.DialogueClient;
import dev.marquee.gateway.downstream.Relay;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Chat: turns, feedback and the caller's conversations (served by dialogue-service). */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat")
public class ChatResource {
    private static final String SERVICE = "dialogue-service";

    private final DialogueClient dialogue;
    private final Relay relay;

    public ChatResource(@RestClient DialogueClient dialogue, Relay relay) {
        this.dialogue = dialogue;
        this.relay = relay;
    }

    /**
     * A message to the assistant.
     *
     * @param conversationId conversation to continue; omit to start one
     * @param message        what the user says (1 to 2000 characters)
     * @param channel        client channel: web, ios, android, tv...
     */
    public record ChatTurnRequest(@Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE) String conversationId,
                                  @NotBlank @Size(max = 2000) String message,
                                  @Pattern(regexp = Patterns.CHANNEL, message = "must be a lower-case channel name")
                                  String channel) {
    }

    /**
     * A rating of one reply.
     *
     * @param rating up or down
     * @param reason optional short reason code, e.g. wrong_title
     */
    public record FeedbackRequest(@NotNull @Pattern(regexp = "up|down", message = "must be up or down") String rating,
                                  @Pattern(regexp = "[a-z0-9_]{1,40}", message = "must be a short lower-case code")
                                  String reason) {
    }

    @POST
    @Path("/chat/turns")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message; the reply comes with its turn id, cards, quick replies and metadata")
    public Response turn(@Valid @NotNull ChatTurnRequest request) {
        return relay.relay(SERVICE, "/api/v1/", () -> dialogue.turn(request));
    }

    @POST
    @Path("/turns/{turnId}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rate a reply with thumbs up or down")
    public Response feedback(@PathParam("turnId") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE)
                             String turnId,
                             @Valid @NotNull FeedbackRequest request) {
        return relay.relay(SERVICE, "/api/v1/", () -> dialogue.feedback(turnId, request));
    }

    @GET
    @Path("/conversations")
    @Operation(summary = "The caller's conversations, most recently active first")
    public Response conversations(@QueryParam("page") @Pattern(regexp = Patterns.NUMBER) String page,
                                  @QueryParam("size") @Pattern(regexp = Patterns.NUMBER) String size) {
        return relay.relay(SERVICE, "/api/v1/", () -> dialogue.conversations(page, size));
    }

    @GET
    @Path("/conversations/{id}")
    @Operation(summary = "One of the caller's conversations with its transcript")
    public Response conversation(@PathParam("id") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE)
                                 String id) {
        return relay.relay(SERVICE, "/api/v1/", () -> dialogue.conversation(id));
    }

    @DELETE
    @Path("/conversations/{id}")
    @Operation(summary = "Delete one of the caller's conversations with its turns, feedback and memory (204)")
    public Response deleteConversation(@PathParam("id") @Pattern(regexp = Patterns.UUID,
            message = Patterns.UUID_MESSAGE) String id) {
        return relay.relay(SERVICE, "/api/v1/", () -> dialogue.deleteConversation(id));
    }
}
