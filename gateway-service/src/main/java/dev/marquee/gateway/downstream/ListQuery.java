package dev.marquee.gateway.downstream;

import jakarta.ws.rs.QueryParam;

import java.util.List;

/**
 * What every ranked list takes besides its filters, passed on to recommendation-service, which validates it:
 * the asking surface, titles to leave out, and the id of an earlier page to continue.
 */
public class ListQuery {
    @QueryParam("source")
    public String source;

    /** Repeatable: {@code exclude=mv-0001&exclude=mv-0002}. */
    @QueryParam("exclude")
    public List<String> exclude;

    @QueryParam("recommendationId")
    public String recommendationId;
}
