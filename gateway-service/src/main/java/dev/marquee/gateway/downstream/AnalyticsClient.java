package dev.marquee.gateway.downstream;

import dev.marquee.commons.security.BearerTokenPropagation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** analytics-service's internal API. */
@RegisterRestClient(configKey = "analytics")
@RegisterClientHeaders(BearerTokenPropagation.class)
@Path("/v1")
public interface AnalyticsClient {
    @GET
    @Path("/counts")
    Response counts(@QueryParam("metric") String metric, @QueryParam("from") String from,
                    @QueryParam("to") String to);
}
