package dev.marquee.gateway.downstream;

import jakarta.ws.rs.QueryParam;

import java.util.List;

/** Catalog filters, passed on to recommendation-service, which validates them. */
public class CatalogFilter {
    @QueryParam("genre")
    public String genre;

    /** Repeatable: {@code kind=movie&kind=series}. */
    @QueryParam("kind")
    public List<String> kind;

    @QueryParam("region")
    public String region;

    @QueryParam("maxAgeRating")
    public String maxAgeRating;
}
