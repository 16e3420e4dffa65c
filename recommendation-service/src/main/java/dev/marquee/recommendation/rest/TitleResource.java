package dev.marquee.recommendation.rest;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.recommendation.Title;
import dev.marquee.recommendation.TitleKind;
import dev.marquee.recommendation.service.TitleSearch;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;

/** The catalog: title details, search and facets. */
@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
public class TitleResource {
    private final TitleSearch search;

    public TitleResource(TitleSearch search) {
        this.search = search;
    }

    /** A page of search results. */
    public record TitlePage(List<TitleView> items, int page, int size, long total) {
    }

    /** What the catalog can be filtered by. */
    public record Facets(List<String> genres, List<String> kinds) {
    }

    @GET
    @Path("/titles/{id}")
    @Operation(summary = "Details of one title")
    public TitleView title(@PathParam("id") @Size(max = 64) String id) {
        Title title = Title.findById(id);
        if (title == null) {
            throw ProblemException.notFound("title", id);
        }
        return TitleView.of(title);
    }

    @GET
    @Path("/titles")
    @Operation(summary = "Search available titles by words of their name or synopsis, and by filters")
    public TitlePage search(@QueryParam("query") @Size(max = 200) String query,
                            @Valid @BeanParam FilterParams filter,
                            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
                            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        TitleSearch.Result result = search.search(query, filter.toFilter(), page, size);
        return new TitlePage(result.items().stream().map(TitleView::of).toList(), result.page(), result.size(),
                result.total());
    }

    @GET
    @Path("/catalog/facets")
    @Operation(summary = "Genres and kinds present in the catalog")
    public Facets facets() {
        return new Facets(search.genres(), Arrays.stream(TitleKind.values()).map(TitleKind::wireName).toList());
    }
}
