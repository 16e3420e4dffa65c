package dev.marquee.privacy.rest;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.privacy.ErasureConfirmation;
import dev.marquee.privacy.ErasureRequest;
import dev.marquee.privacy.service.ErasureService;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The calling user's erasure requests (right to be forgotten). */
@Path("/v1/erasure-requests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Erasure")
public class ErasureResource {
    private final ErasureService erasures;
    private final CurrentUser user;

    public ErasureResource(ErasureService erasures, CurrentUser user) {
        this.erasures = erasures;
        this.user = user;
    }

    /** One service's confirmation. */
    public record Confirmation(String service, Map<String, Long> erased, Instant confirmedAt) {
    }

    /**
     * An erasure request and how far it got.
     *
     * @param pendingServices required services that have not confirmed yet
     */
    public record ErasureView(String requestId, String status, List<String> requiredServices,
                              List<String> pendingServices, List<Confirmation> confirmations, int attempts,
                              Instant requestedAt, Instant completedAt) {
    }

    @POST
    @Operation(summary = "Ask for all of the caller's data to be erased; returns the request already under way "
            + "if there is one")
    public Response create() {
        ErasureRequest request = erasures.request(user.id());
        return Response.accepted(view(request))
                .location(URI.create("/v1/erasure-requests/" + request.id))
                .build();
    }

    @GET
    @Operation(summary = "The caller's erasure requests, newest first")
    public List<ErasureView> list() {
        return ErasureRequest.<ErasureRequest>list("userId", Sort.descending("requestedAt"), user.id()).stream()
                .map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of the caller's erasure requests with each service's confirmation")
    public ErasureView get(@PathParam("id") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE) String id) {
        ErasureRequest request = ErasureRequest.findOwned(UUID.fromString(id), user.id());
        if (request == null) {
            throw ProblemException.notFound("erasure request", id);
        }
        return view(request);
    }

    private ErasureView view(ErasureRequest request) {
        List<ErasureConfirmation> confirmations = erasures.confirmations(request.id);
        List<String> confirmed = confirmations.stream().map(c -> c.service).toList();
        return new ErasureView(request.id.toString(), request.status, request.requiredServices,
                request.requiredServices.stream().filter(s -> !confirmed.contains(s)).toList(),
                confirmations.stream().map(c -> new Confirmation(c.service, c.erased, c.confirmedAt)).toList(),
                request.attempts, request.requestedAt, request.completedAt);
    }
}
