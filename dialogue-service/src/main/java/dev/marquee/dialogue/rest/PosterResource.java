package dev.marquee.dialogue.rest;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.dialogue.catalog.CatalogIndex;
import dev.marquee.dialogue.catalog.CatalogTitle;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A poster for every catalog title, drawn as SVG from its name, kind and genre: the default image of content
 * cards, so cards have a picture before a brand points {@code marquee.dialogue.card-image-url} at its CDN.
 * Catalog data is public, so no token is needed.
 */
@Path("/v1/posters")
@PermitAll
@Tag(name = "Posters")
public class PosterResource {
    private static final String[][] PALETTES = {{"#1d3557", "#457b9d"}, {"#6a040f", "#d00000"},
            {"#283618", "#606c38"}, {"#3c096c", "#7b2cbf"}, {"#7f5539", "#b08968"}, {"#03045e", "#0077b6"},
            {"#3d405b", "#e07a5f"}, {"#14213d", "#fca311"}};

    private final CatalogIndex index;

    public PosterResource(CatalogIndex index) {
        this.index = index;
    }

    @GET
    @Path("/{titleId}.svg")
    @Produces("image/svg+xml")
    @Operation(summary = "The generated poster of a title")
    public Response poster(@PathParam("titleId") @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
            message = "must be a title id") String titleId) {
        CatalogTitle t = index.get(titleId).orElseThrow(() -> ProblemException.notFound("title", titleId));
        String[] palette = PALETTES[Math.floorMod(t.genres().isEmpty() ? t.id().hashCode()
                : t.genres().getFirst().hashCode(), PALETTES.length)];
        StringBuilder lines = new StringBuilder();
        int y = 150;
        for (String line : wrap(t.name(), 16)) {
            lines.append("<text x=\"100\" y=\"").append(y).append("\" text-anchor=\"middle\" font-size=\"18\" ")
                    .append("font-weight=\"bold\" fill=\"#fff\">").append(escape(line)).append("</text>");
            y += 24;
        }
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="200" height="300" viewBox="0 0 200 300" role="img" \
                aria-label="%s"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">\
                <stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/></linearGradient></defs>\
                <rect width="200" height="300" fill="url(#g)"/>%s\
                <text x="100" y="270" text-anchor="middle" font-size="12" fill="#fff" opacity="0.8">%s · %d</text>\
                </svg>""".formatted(escape(t.name()), palette[0], palette[1], lines,
                escape(t.kind().replace('_', ' ')), t.year());
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return Response.ok(svg).cacheControl(cache).build();
    }

    private static java.util.List<String> wrap(String text, int width) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + word.length() + 1 > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines.size() > 5 ? lines.subList(0, 5) : lines;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
