package dev.marquee.privacy.rest;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.rest.ListPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.privacy.ErasureConfirmation;
import dev.marquee.privacy.ErasureRequest;
import dev.marquee.privacy.SagaRequest;
import dev.marquee.privacy.audit.AuditLog;
import dev.marquee.privacy.service.ErasureService;
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
    private final AuditLog audit;

    public ErasureResource(ErasureService erasures, CurrentUser user, AuditLog audit) {
        this.erasures = erasures;
        this.user = user;
        this.audit = audit;
    }

    /** One service's confirmation. */
    public record Confirmation(String service, Map<String, Long> erased, Instant confirmedAt) {
    }

    /**
     * An erasure request and how far it got.
     *
     * @param pendingServices required services that have not confirmed yet
     * @param overdue         whether the request has waited longer than it should (it keeps being re-sent)
     */
    public record ErasureView(String requestId, String status, List<String> requiredServices,
                              List<String> pendingServices, List<Confirmation> confirmations, int attempts,
                              boolean overdue, Instant requestedAt, Instant completedAt) {
    }

    /**
     * What was erased, for the user to keep.
     *
     * @param services   every service that took part (privacy-service included) and what it erased
     * @param totals     records erased per service
     * @param auditSeq   the audit log entry that recorded the completion
     * @param auditHash  that entry's hash, which the audit log's verification covers
     */
    public record Receipt(String requestId, Instant requestedAt, Instant completedAt, List<Confirmation> services,
                          Map<String, Long> totals, long auditSeq, String auditHash) {
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
    public ListPage<ErasureView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue(ListPage.DEFAULT_SIZE) @Min(1) @Max(ListPage.MAX_SIZE) int size) {
        return erasures.ofUser(user.id(), page, size).map(this::view);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of the caller's erasure requests with each service's confirmation")
    public ErasureView get(@PathParam("id") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE) String id) {
        return view(owned(id));
    }

    @GET
    @Path("/{id}/receipt")
    @Operation(summary = "The receipt of a completed erasure: every service and what it erased; 409 while pending")
    public Receipt receipt(@PathParam("id") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE)
                           String id) {
        ErasureRequest request = owned(id);
        if (!request.status.equals(SagaRequest.COMPLETED)) {
            throw ProblemException.conflict("erasure request " + id + " is still pending; the receipt is issued "
                    + "once every service confirmed");
        }
        List<Confirmation> services = confirmations(request);
        Map<String, Long> totals = new java.util.TreeMap<>();
        services.forEach(c -> totals.put(c.service(), c.erased().values().stream().mapToLong(Long::longValue).sum()));
        AuditLog.Entry completed = audit.find(request.id, "erasure.completed")
                .orElseThrow(() -> new IllegalStateException("erasure " + id + " completed without an audit entry"));
        return new Receipt(request.id.toString(), request.requestedAt, request.completedAt, services, totals,
                completed.seq(), completed.hash());
    }

    private ErasureRequest owned(String id) {
        ErasureRequest request = ErasureRequest.findOwned(UUID.fromString(id), user.id());
        if (request == null) {
            throw ProblemException.notFound("erasure request", id);
        }
        return request;
    }

    private List<Confirmation> confirmations(ErasureRequest request) {
        return erasures.confirmations(request.id).stream()
                .map(c -> new Confirmation(c.service, c.erased, c.confirmedAt)).toList();
    }

    private ErasureView view(ErasureRequest request) {
        List<Confirmation> confirmations = confirmations(request);
        List<String> confirmed = confirmations.stream().map(Confirmation::service).toList();
        return new ErasureView(request.id.toString(), request.status, request.requiredServices,
                request.requiredServices.stream().filter(s -> !confirmed.contains(s)).toList(), confirmations,
                request.attempts, request.overdueAt != null, request.requestedAt, request.completedAt);
    }
}
