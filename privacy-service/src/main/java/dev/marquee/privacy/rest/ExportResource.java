package dev.marquee.privacy.rest;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.rest.ListPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.privacy.ExportRequest;
import dev.marquee.privacy.SagaRequest;
import dev.marquee.privacy.service.ExportService;
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
import java.util.UUID;

/** The calling user's data exports (right of access). */
@Path("/v1/export-requests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Export")
public class ExportResource {
    private final ExportService exports;
    private final CurrentUser user;

    public ExportResource(ExportService exports, CurrentUser user) {
        this.exports = exports;
        this.user = user;
    }

    /**
     * An export request and how far it got.
     *
     * @param pendingServices required services that have not contributed yet
     * @param contributed     services that contributed
     * @param bundle          where to download the bundle once completed, relative to the privacy API's root
     *                        ({@code /v1/} here, {@code /api/v1/privacy/} at the gateway)
     */
    public record ExportView(String requestId, String status, List<String> requiredServices,
                             List<String> pendingServices, List<String> contributed, int attempts, boolean overdue,
                             Instant requestedAt, Instant completedAt, String bundle) {
    }

    @POST
    @Operation(summary = "Ask for a copy of all of the caller's data; returns the request already under way if "
            + "there is one")
    public Response create() {
        ExportRequest request = exports.request(user.id());
        return Response.accepted(view(request)).location(URI.create("/v1/export-requests/" + request.id)).build();
    }

    @GET
    @Operation(summary = "The caller's export requests, newest first")
    public ListPage<ExportView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue(ListPage.DEFAULT_SIZE) @Min(1) @Max(ListPage.MAX_SIZE) int size) {
        return exports.ofUser(user.id(), page, size).map(this::view);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of the caller's export requests")
    public ExportView get(@PathParam("id") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE) String id) {
        return view(owned(id));
    }

    @GET
    @Path("/{id}/bundle")
    @Operation(summary = "Download the bundle of a completed export: one JSON document with every service's data; "
            + "409 while pending, 410 once expired")
    public Response bundle(@PathParam("id") @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE)
                           String id) {
        ExportRequest request = owned(id);
        if (request.status.equals(SagaRequest.PENDING)) {
            throw ProblemException.conflict("export request " + id + " is still pending; the bundle is ready once "
                    + "every service contributed");
        }
        if (request.status.equals(ExportRequest.EXPIRED)) {
            throw ProblemException.gone("the bundle of export request " + id + " was deleted after its retention "
                    + "period; ask for a new export");
        }
        return Response.ok(exports.bundle(request))
                .header("Content-Disposition", "attachment; filename=\"marquee-export-" + id + ".json\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private ExportRequest owned(String id) {
        ExportRequest request = ExportRequest.findOwned(UUID.fromString(id), user.id());
        if (request == null) {
            throw ProblemException.notFound("export request", id);
        }
        return request;
    }

    private ExportView view(ExportRequest request) {
        List<String> contributed = exports.contributions(request.id).stream().map(c -> c.service).sorted().toList();
        return new ExportView(request.id.toString(), request.status, request.requiredServices,
                request.requiredServices.stream().filter(s -> !contributed.contains(s)).toList(), contributed,
                request.attempts, request.overdueAt != null, request.requestedAt, request.completedAt,
                request.status.equals(SagaRequest.COMPLETED) ? "export-requests/" + request.id + "/bundle" : null);
    }
}
