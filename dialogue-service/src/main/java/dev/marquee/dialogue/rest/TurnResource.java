package dev.marquee.dialogue.rest;

import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.dialogue.ai.Intent;
import dev.marquee.dialogue.ai.Reply;
import dev.marquee.dialogue.service.FeedbackService;
import dev.marquee.dialogue.service.TurnService;
import dev.marquee.events.TurnFeedback;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/** Conversation turns and feedback on them. */
@Path("/v1/turns")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Turns")
public class TurnResource {
    private final TurnService turns;
    private final FeedbackService feedback;
    private final CurrentUser user;

    public TurnResource(TurnService turns, FeedbackService feedback, CurrentUser user) {
        this.turns = turns;
        this.feedback = feedback;
        this.user = user;
    }

    /**
     * A message from the user.
     *
     * @param conversationId the conversation to continue; omit to start a new one
     * @param message        what the user said
     * @param channel        client channel, e.g. web, ios, android, tv
     */
    public record TurnRequest(
            @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE) String conversationId,
            @NotBlank @Size(max = 2000) String message,
            @Pattern(regexp = Patterns.CHANNEL, message = "must be a lower-case channel name") String channel) {
    }

    /**
     * Where a reply came from.
     *
     * @param responder        model or responder that produced the reply
     * @param persona          persona id and version
     * @param latencyMs        time to produce the reply
     * @param recommendationId the recommendation list the cards came from, quote it with interactions
     * @param fallback         whether the request could not be served
     * @param handoff          whether the conversation went to a human
     */
    public record ReplyMetadata(String responder, String persona, long latencyMs, String recommendationId,
                                boolean fallback, boolean handoff) {
    }

    /** The assistant's answer to one message. */
    public record TurnResponse(String turnId, String conversationId, int seq, Reply reply, Intent intent,
                               String conversationState, ReplyMetadata metadata, Instant createdAt) {
    }

    /** A rating of a turn. */
    public record FeedbackRequest(
            @NotNull TurnFeedback.Rating rating,
            @Pattern(regexp = "[a-z0-9_]{1,40}", message = "must be a short lower-case reason code") String reason) {
    }

    /** The recorded rating. */
    public record FeedbackResponse(String turnId, String rating, String reason) {
    }

    @POST
    @Operation(summary = "Send a message and get the assistant's reply; starts a conversation when none is given")
    public TurnResponse post(@Valid @NotNull TurnRequest request) {
        UUID conversationId = request.conversationId() == null ? null : UUID.fromString(request.conversationId());
        String channel = request.channel() == null ? "web" : request.channel();
        TurnService.Result result = turns.handle(user.id(), user.brand(), conversationId, request.message().strip(),
                channel);
        var answer = result.answer();
        return new TurnResponse(result.turn().id.toString(), result.conversation().id.toString(), result.turn().seq,
                answer.reply(), answer.intent(), result.conversation().state,
                new ReplyMetadata(answer.responder(), result.persona().ref(), result.turn().latencyMs,
                        answer.recommendationId(), answer.fallback(), answer.handoff()),
                result.turn().createdAt);
    }

    @POST
    @Path("/{turnId}/feedback")
    @Operation(summary = "Rate a turn with thumbs up or down; a later rating replaces the earlier one")
    public FeedbackResponse feedback(@PathParam("turnId") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE)
                                     String turnId,
                                     @Valid @NotNull FeedbackRequest request) {
        var entry = feedback.rate(user.id(), UUID.fromString(turnId), request.rating(), request.reason());
        return new FeedbackResponse(turnId, entry.rating, entry.reason);
    }
}
