package dev.marquee.gateway.rest;

import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.gateway.downstream.DialogueClient;
import dev.marquee.gateway.downstream.DialogueStream;
import dev.marquee.gateway.downstream.Relay;
import dev.marquee.gateway.downstream.RelayedAnswer;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

/** Chat: turns, feedback and the caller's conversations (served by dialogue-service). */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat")
public class ChatResource {
    private static final String SERVICE = "dialogue-service";

    private final DialogueClient dialogue;
    private final DialogueStream streams;
    private final Relay relay;
    private final CurrentUser user;

    public ChatResource(@RestClient DialogueClient dialogue, DialogueStream streams, Relay relay, CurrentUser user) {
        this.dialogue = dialogue;
        this.streams = streams;
        this.relay = relay;
        this.user = user;
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
    @Path("/chat/turns/stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Send a message and receive the reply as Server-Sent Events: 'token' events carry pieces of "
            + "text ({\"text\": \"...\"}) as they are produced, then one 'reply' event carries the complete reply "
            + "(as POST /chat/turns answers it), which is authoritative; 'error' carries a problem. Errors found "
            + "before the reply starts (validation, an unknown conversation, limits) are problem+json answers")
    public Multi<OutboundSseEvent> stream(@Valid @NotNull ChatTurnRequest request, @Context Sse sse) {
        String bearer = user.bearerToken();
        HttpResponse<Stream<String>> answer = relay.open(SERVICE, () -> streams.open(request, bearer),
                HttpResponse::statusCode);
        if (answer.statusCode() != 200) {
            if (answer.statusCode() >= 500 && answer.statusCode() != 503) {
                answer.body().close();
                throw Relay.failed(SERVICE, answer.statusCode());
            }
            throw new RelayedAnswer(DialogueStream.answer(answer));
        }
        return DialogueStream.events(answer.body(), sse);
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

    @GET
    @Path("/posters/{titleId}.svg")
    @PermitAll
    @Produces("image/svg+xml")
    @Operation(summary = "The poster dialogue-service draws for a title, the default image of content cards; "
            + "catalog data is public, so no token is needed")
    public Response poster(@PathParam("titleId") @Pattern(regexp = Patterns.TITLE_ID, message = "must be a title id")
                           String titleId) {
        return relay.relay(SERVICE, "/api/v1/", () -> dialogue.poster(titleId));
    }

    @DELETE
    @Path("/conversations/{id}")
    @Operation(summary = "Delete one of the caller's conversations with its turns, feedback and memory (204)")
    public Response deleteConversation(@PathParam("id") @Pattern(regexp = Patterns.UUID,
            message = Patterns.UUID_MESSAGE) String id) {
        return relay.relay(SERVICE, "/api/v1/", () -> dialogue.deleteConversation(id));
    }
}
