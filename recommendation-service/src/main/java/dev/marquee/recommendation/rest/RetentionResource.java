package dev.marquee.recommendation.rest;

import dev.marquee.outbox.RetentionReport;
import dev.marquee.recommendation.service.RecommendationRetention;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the retention of interactions and served lists keeps and deleted (admin role). */
@Path("/v1/admin/retention")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Retention (admin)")
public class RetentionResource {
    private final RecommendationRetention retention;

    public RetentionResource(RecommendationRetention retention) {
        this.retention = retention;
    }

    @GET
    @Operation(summary = "Per data type: the retention period, the last run (on any instance), rows it deleted, "
            + "rows deleted in total and the age of the oldest row kept")
    public RetentionReport report() {
        return retention.report();
    }
}
