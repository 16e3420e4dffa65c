package dev.marquee.dialogue.catalog;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/**
 * The whole catalog, page by page, read with dialogue-service's own identity (an OIDC client-credentials
 * token): the catalog is not personal data, and indexing it happens before and apart from any user's request.
 */
@RegisterRestClient(configKey = "recommendation")
@OidcClientFilter
@Path("/v1")
public interface CatalogFeed {

    @GET
    @Path("/titles")
    TitlePage titles(@QueryParam("page") int page, @QueryParam("size") int size);

    /** A page of titles. */
    record TitlePage(List<CatalogTitle> items, int page, int size, long total) {
    }
}
