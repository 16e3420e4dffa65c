package dev.marquee.gateway.rest;

import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.gateway.config.GatewayConfig;
import dev.marquee.gateway.telemetry.EventPublisher;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Client telemetry: what users do with titles, for recommendations and conversion analytics. */
@Path("/api/v1/interactions")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Telemetry")
public class InteractionResource {
    static final String SERVICE = "gateway-service";

    private final EventPublisher publisher;
    private final CurrentUser user;
    private final GatewayConfig.Telemetry config;

    public InteractionResource(EventPublisher publisher, CurrentUser user, GatewayConfig config) {
        this.publisher = publisher;
        this.user = user;
        this.config = config.telemetry();
    }

    /**
     * One interaction of the calling user with a title.
     *
     * @param titleId          catalog id
     * @param type             impression, click, play, complete, like, dislike, rating or purchase
     * @param rating           1 to 5, required for (and only for) type rating
     * @param recommendationId the recommendation list that surfaced the title, if any
     * @param source           chat, home, search, detail or other (default other)
     * @param channel          client channel (default web)
     * @param occurredAt       when it happened on the device (default now); at most 7 days old by default
     */
    public record InteractionRequest(
            @NotBlank @Pattern(regexp = Patterns.TITLE_ID, message = "must be a title id") String titleId,
            @NotNull InteractionType type,
            @Min(1) @Max(5) Integer rating,
            @Size(min = 1, max = 64) String recommendationId,
            @Pattern(regexp = Patterns.SOURCE, message = Patterns.SOURCE_MESSAGE)
            String source,
            @Pattern(regexp = Patterns.CHANNEL, message = "must be a lower-case channel name") String channel,
            Instant occurredAt) {
    }

    /** The accepted event. */
    public record Accepted(String interactionId, Instant occurredAt) {
    }

    @POST
    @Operation(summary = "Record an interaction; 202 once Kafka stored it. Send an Idempotency-Key to make retries "
            + "safe: the same key gives the same interaction id, and consumers count an id once")
    public Response record(@HeaderParam("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}",
                                   message = "must be 1 to 128 letters, digits or . _ : -") String idempotencyKey,
                           @Valid @NotNull InteractionRequest request) {
        Instant now = Instant.now();
        Instant occurredAt = request.occurredAt() == null ? now : request.occurredAt();
        if (occurredAt.isAfter(now.plus(config.maxClockSkew()))) {
            throw ProblemException.badRequest("occurredAt is in the future");
        }
        if (occurredAt.isBefore(now.minus(config.maxAge()))) {
            throw ProblemException.badRequest("occurredAt is older than " + config.maxAge().toDays() + " days");
        }
        boolean isRating = request.type() == InteractionType.RATING;
        if (isRating != (request.rating() != null)) {
            throw ProblemException.badRequest(isRating ? "a rating interaction needs a rating from 1 to 5"
                    : "only a rating interaction carries a rating");
        }
        String userId = user.id();
        String id = idempotencyKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((userId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
        Interaction interaction = new Interaction(id, userId, request.titleId(), request.type(), request.rating(),
                request.recommendationId(), request.source() == null ? "other" : request.source(), user.brand(),
                request.channel() == null ? "web" : request.channel(), occurredAt);
        publisher.publish(EventEnvelope.forUser(userId, id, CloudEventHeaders.sourceOf(SERVICE), occurredAt,
                interaction));
        return Response.accepted(new Accepted(id, occurredAt)).build();
    }
}
