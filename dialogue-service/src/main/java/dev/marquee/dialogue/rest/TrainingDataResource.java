package dev.marquee.dialogue.rest;

import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.dialogue.privacy.TrainingExport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Training data for fine-tuning a brand's model (admin role). */
@Path("/v1/admin/training-data")
@RolesAllowed("admin")
@Tag(name = "Training data (admin)")
public class TrainingDataResource {
    public static final String JSONL = "application/jsonl";

    private final TrainingExport export;

    public TrainingDataResource(TrainingExport export) {
        this.export = export;
    }

    @GET
    @Produces(JSONL)
    @Operation(summary = "Consented, PII-redacted transcripts as JSONL in the OpenAI chat fine-tuning format, one "
            + "conversation per line; only users who consented to model improvement, without guardrail turns")
    public Response export(@QueryParam("brand") @Pattern(regexp = Patterns.BRAND,
                                   message = "must be a brand id") String brand,
                           @QueryParam("since") @DefaultValue("1970-01-01T00:00:00Z") String since,
                           @QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(100_000) int limit) {
        Instant from;
        try {
            from = Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("since must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
        StreamingOutput body = out -> export.write(brand, from, limit, out);
        return Response.ok(body, JSONL)
                .header("Content-Disposition", "attachment; filename=\"marquee-training-data.jsonl\"").build();
    }
}
