package dev.marquee.gateway.downstream;

import jakarta.ws.rs.QueryParam;

/** Catalog filters, passed on to recommendation-service, which validates them. */
public class CatalogFilter {
    @QueryParam("genre")
    public String genre;

    @QueryParam("kind")
    public String kind;

    @QueryParam("region")
    public String region;

    @QueryParam("maxAgeRating")
    public String maxAgeRating;
}
