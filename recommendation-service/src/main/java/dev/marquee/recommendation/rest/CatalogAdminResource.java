package dev.marquee.recommendation.rest;

import dev.marquee.commons.problem.Problem;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.problem.Problems;
import dev.marquee.commons.rest.Patterns;
import dev.marquee.recommendation.service.CatalogEntry;
import dev.marquee.recommendation.service.CatalogImporter;
import dev.marquee.recommendation.service.ModelStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Catalog administration (admin role): bulk upsert and delete, and imports of JSON Lines or CSV files. Every
 * change is all or nothing: a file with a bad line changes nothing and the answer lists the bad lines. The
 * recommender picks changes up within the catalog refresh interval on every instance (this one at once).
 */
@Path("/v1/admin/titles")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog administration")
public class CatalogAdminResource {
    public static final String JSON_LINES = "application/jsonl";
    public static final String ND_JSON = "application/x-ndjson";
    public static final String CSV = "text/csv";

    private final CatalogImporter importer;
    private final ModelStore store;

    public CatalogAdminResource(CatalogImporter importer, ModelStore store) {
        this.importer = importer;
        this.store = store;
    }

    /** The outcome of an upsert or import. */
    public record Upserted(int upserted) {
    }

    /** Ids to delete. */
    public record Deletion(@NotEmpty @Size(max = 10_000) List<@Pattern(regexp = Patterns.TITLE_ID) String> ids) {
    }

    /** What a deletion removed, and what was not there. */
    public record Deleted(List<String> deleted, List<String> missing) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Insert or replace titles given as a JSON array; all or none")
    public Upserted upsert(@NotNull @NotEmpty @Size(max = 100_000) List<@Valid @NotNull CatalogEntry> titles) {
        return new Upserted(write(titles));
    }

    @POST
    @Path("/import")
    @Consumes({JSON_LINES, ND_JSON, CSV})
    @Operation(summary = "Import a JSON Lines or CSV file of titles (CSV: a header row with the columns id, kind, "
            + "name, synopsis, genres, tags, cast, year, runtimeMinutes, ageRating, regions, availableFrom, "
            + "availableUntil; list values separated by |); all lines or none")
    public Upserted importFile(@jakarta.ws.rs.HeaderParam("Content-Type") String contentType, String body) {
        List<CatalogEntry> entries;
        try {
            entries = contentType != null && contentType.startsWith(CSV)
                    ? importer.parseCsv(new StringReader(body))
                    : importer.parseJsonLines(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (CatalogImporter.InvalidCatalogException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Upserted(write(entries));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a title with its interactions")
    public void delete(@PathParam("id") @Pattern(regexp = Patterns.TITLE_ID) String id) {
        if (remove(List.of(id)).deleted().isEmpty()) {
            throw ProblemException.notFound("title", id);
        }
    }

    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete many titles with their interactions")
    public Deleted deleteMany(@Valid @NotNull Deletion deletion) {
        return remove(deletion.ids());
    }

    private int write(List<CatalogEntry> entries) {
        int written = inTransaction(() -> importer.upsert(entries));
        store.rebuild();
        return written;
    }

    private Deleted remove(List<String> ids) {
        List<String> deleted = inTransaction(() -> importer.delete(ids));
        if (!deleted.isEmpty()) {
            store.rebuild();
        }
        return new Deleted(deleted, ids.stream().filter(id -> !deleted.contains(id)).distinct().toList());
    }

    @Transactional
    <T> T inTransaction(java.util.function.Supplier<T> work) {
        return work.get();
    }

    private static ProblemException invalid(CatalogImporter.InvalidCatalogException e) {
        return new ProblemException(Problems.forStatus(400, "the file was not imported: " + e.problems().size()
                + " problem(s)").withErrors(e.problems().stream().map(p -> new Problem.FieldError("file", p))
                .toList()));
    }
}
