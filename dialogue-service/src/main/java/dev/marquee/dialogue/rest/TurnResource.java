package dev.marquee.dialogue.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.marquee.commons.problem.Problem;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.problem.Problems;
import dev.marquee.commons.rest.Patterns;
import dev.marquee.dialogue.Conversation;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.dialogue.ai.Intent;
import dev.marquee.dialogue.ai.Reply;
import dev.marquee.dialogue.guardrails.Guardrail;
import dev.marquee.dialogue.service.FeedbackService;
import dev.marquee.dialogue.service.TurnService;
import dev.marquee.events.TurnFeedback;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Conversation turns, as one JSON answer or streamed as Server-Sent Events, and feedback on them. */
@Path("/v1/turns")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Turns")
public class TurnResource {
    private final TurnService turns;
    private final FeedbackService feedback;
    private final CurrentUser user;
    private final ObjectMapper mapper;

    public TurnResource(TurnService turns, FeedbackService feedback, CurrentUser user, ObjectMapper mapper) {
        this.turns = turns;
        this.feedback = feedback;
        this.user = user;
        this.mapper = mapper;
    }

    /**
     * A message from the user.
     *
     * @param conversationId the conversation to continue; omit to start a new one
     * @param message        what the user said (longer than the guardrail's limit is answered politely)
     * @param channel        client channel, e.g. web, ios, android, tv
     */
    public record TurnRequest(
            @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE) String conversationId,
            @NotBlank @Size(max = 8000) String message,
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
     * @param guardrails       guardrails that triggered on this turn
     * @param tokensIn         prompt tokens, when a model reports them
     * @param tokensOut        completion tokens, when a model reports them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplyMetadata(String responder, String persona, long latencyMs, String recommendationId,
                                boolean fallback, boolean handoff, List<Guardrail> guardrails, Integer tokensIn,
                                Integer tokensOut) {
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
        return response(turns.handle(speaker(), conversationId(request), request.message().strip(),
                channel(request)));
    }

    @POST
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Send a message and receive the reply as Server-Sent Events: 'token' events carry pieces "
            + "of text ({\"text\": \"...\"}) as they are produced, then one 'reply' event carries the complete TurnResponse, which is "
            + "authoritative (an output guardrail may have replaced streamed text); 'error' carries a problem")
    @Blocking
    public Multi<OutboundSseEvent> stream(@Valid @NotNull TurnRequest request, @Context Sse sse) {
        TurnService.Speaker speaker = speaker();
        UUID conversationId = conversationId(request);
        if (conversationId != null && Conversation.findOwned(conversationId, speaker.userId(), speaker.brand()) == null) {
            throw ProblemException.notFound("conversation", conversationId.toString());
        }
        String message = request.message().strip();
        String channel = channel(request);
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            try {
                TurnService.Result result = turns.handle(speaker, conversationId, message, channel,
                        token -> emitter.emit(sse.newEventBuilder().name("token")
                                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(tokenJson(token)).build()));
                emitter.emit(sse.newEventBuilder().name("reply").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(mapper.writeValueAsString(response(result))).build());
                emitter.complete();
            } catch (Exception e) {
                emitter.emit(sse.newEventBuilder().name("error").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(problem(e)).build());
                emitter.complete();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @POST
    @Path("/{turnId}/feedback")
    @Operation(summary = "Rate a turn with thumbs up or down; a later rating replaces the earlier one")
    public FeedbackResponse feedback(@PathParam("turnId") @Pattern(regexp = Patterns.UUID,
            message = Patterns.UUID_MESSAGE) String turnId, @Valid @NotNull FeedbackRequest request) {
        var entry = feedback.rate(user.id(), user.brand(), UUID.fromString(turnId), request.rating(), request.reason());
        return new FeedbackResponse(turnId, entry.rating, entry.reason);
    }

    private TurnService.Speaker speaker() {
        return new TurnService.Speaker(user.id(), user.brand(), user.bearerToken(), user.maturityRating(),
                user.region());
    }

    private static UUID conversationId(TurnRequest request) {
        return request.conversationId() == null ? null : UUID.fromString(request.conversationId());
    }

    private static String channel(TurnRequest request) {
        return request.channel() == null ? "web" : request.channel();
    }

    static TurnResponse response(TurnService.Result result) {
        var answer = result.answer();
        return new TurnResponse(result.turn().id.toString(), result.conversation().id.toString(), result.turn().seq,
                answer.reply(), answer.intent(), result.conversation().state,
                new ReplyMetadata(answer.responder(), result.persona().ref(), result.turn().latencyMs,
                        answer.recommendationId(), answer.fallback(), answer.handoff(), answer.guardrails(),
                        answer.tokensIn(), answer.tokensOut()),
                result.turn().createdAt);
    }

    /** A piece of text as {@code {"text":"..."}}: JSON keeps its leading spaces, which SSE would strip. */
    private String tokenJson(String token) {
        try {
            return mapper.writeValueAsString(java.util.Map.of("text", token));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A failure after the stream started, as the problem the JSON endpoint would have answered. */
    private String problem(Exception e) {
        Problem problem = e instanceof ProblemException p ? p.problem()
                : Problems.forStatus(500, "The reply could not be completed; nothing was stored.");
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            return "{\"status\":500}";
        }
    }
}
