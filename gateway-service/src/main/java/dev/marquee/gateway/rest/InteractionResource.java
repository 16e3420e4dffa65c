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
import jakarta.validation.constraints.NotEmpty;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Client telemetry: what users do with titles, for recommendations and conversion analytics. */
@Path("/api/v1/interactions")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Telemetry")
public class InteractionResource {
    static final String SERVICE = "gateway-service";
    private static final String IDEMPOTENCY_KEY = "[A-Za-z0-9._:-]{1,128}";
    private static final String IDEMPOTENCY_KEY_MESSAGE = "must be 1 to 128 letters, digits or . _ : -";

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

    /**
     * Interactions a client app collected, e.g. the impressions of a screen or what an offline device kept.
     *
     * @param items 1 to 100 interactions, stored all or none
     */
    public record InteractionBatch(@NotEmpty @Size(max = 100) List<@Valid @NotNull InteractionRequest> items) {
    }

    /** The accepted events of a batch, in the order of its items. */
    public record AcceptedBatch(List<Accepted> items) {
    }

    @POST
    @Operation(summary = "Record an interaction; 202 once Kafka stored it. Send an Idempotency-Key to make retries "
            + "safe: the same key gives the same interaction id, and consumers count an id once")
    public Response record(@HeaderParam("Idempotency-Key") @Pattern(regexp = IDEMPOTENCY_KEY,
                                   message = IDEMPOTENCY_KEY_MESSAGE) String idempotencyKey,
                           @Valid @NotNull InteractionRequest request) {
        String userId = user.id();
        Interaction interaction = interaction(userId, idempotencyKey, request, Instant.now());
        publisher.publish(envelope(interaction));
        return Response.accepted(new Accepted(interaction.interactionId(), interaction.occurredAt())).build();
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Record up to 100 interactions at once; 202 once Kafka stored them all. Every item is "
            + "checked first, so a 400 stores none. With an Idempotency-Key, item i gets the id that key and i "
            + "give, so the whole batch can be sent again after a timeout or a 503 without counting twice")
    public Response recordAll(@HeaderParam("Idempotency-Key") @Pattern(regexp = IDEMPOTENCY_KEY,
                                      message = IDEMPOTENCY_KEY_MESSAGE) String idempotencyKey,
                              @Valid @NotNull InteractionBatch batch) {
        String userId = user.id();
        Instant now = Instant.now();
        List<Interaction> interactions = new ArrayList<>();
        for (int i = 0; i < batch.items().size(); i++) {
            try {
                interactions.add(interaction(userId, idempotencyKey == null ? null : idempotencyKey + "#" + i,
                        batch.items().get(i), now));
            } catch (ProblemException refused) {
                throw ProblemException.badRequest("items[" + i + "]: " + refused.problem().detail());
            }
        }
        publisher.publishAll(interactions.stream().map(InteractionResource::envelope).toList());
        return Response.accepted(new AcceptedBatch(interactions.stream()
                .map(i -> new Accepted(i.interactionId(), i.occurredAt())).toList())).build();
    }

    /** The event of one request, checked against what a device may send; 400 problems otherwise. */
    private Interaction interaction(String userId, String idempotencyKey, InteractionRequest request, Instant now) {
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
        String id = idempotencyKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((userId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
        return new Interaction(id, userId, request.titleId(), request.type(), request.rating(),
                request.recommendationId(), request.source() == null ? "other" : request.source(), user.brand(),
                request.channel() == null ? "web" : request.channel(), occurredAt);
    }

    private static EventEnvelope envelope(Interaction interaction) {
        return EventEnvelope.forUser(interaction.userId(), interaction.interactionId(),
                CloudEventHeaders.sourceOf(SERVICE), interaction.occurredAt(), interaction);
    }
}
