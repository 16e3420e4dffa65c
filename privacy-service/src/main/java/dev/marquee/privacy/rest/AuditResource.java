package dev.marquee.privacy.rest;

import dev.marquee.privacy.audit.AuditLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The privacy audit log, for the admin role only. */
@Path("/v1/audit")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {
    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * A page of entries.
     *
     * @param next the {@code after} value of the next page, null on the last
     */
    public record Page(List<AuditLog.Entry> entries, Long next) {
    }

    @GET
    @Operation(summary = "Entries after a sequence number, oldest first; only one user's when userId is given "
            + "(entries name users by a keyed hash)")
    public Page read(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                     @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                     @QueryParam("userId") @Size(min = 1, max = 128) String userId) {
        List<AuditLog.Entry> entries = audit.read(userId, after, limit);
        return new Page(entries, entries.size() < limit ? null : entries.getLast().seq());
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute the hash chain from the first entry: valid, or the first entry that breaks it")
    public AuditLog.Verification verify() {
        return audit.verify();
    }
}
