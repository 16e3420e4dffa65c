package dev.marquee.gateway.protection;

import dev.marquee.commons.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies the {@link RateLimiter} to every public API request once its token is verified: 429 with
 * {@code Retry-After} (seconds) and a problem naming the limit that was reached.
 */
public class RateLimitFilter {
    @Inject
    RateLimiter limiter;
    @Inject
    SecurityIdentity identity;
    @Inject
    MeterRegistry registry;

    @ServerRequestFilter
    public Response limit(ContainerRequestContext context, HttpServerRequest request) {
        String user = identity.isAnonymous() ? null : identity.getPrincipal().getName();
        String ip = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        RateLimiter.Refusal refusal = limiter.admit(user, ip);
        if (refusal == null) {
            return null;
        }
        registry.counter("marquee.gateway.rate.limited", "scope", refusal.scope()).increment();
        String detail = ("user".equals(refusal.scope()) ? "you sent" : "your network address sent")
                + " more than " + refusal.limit() + " requests a minute; try again in " + refusal.retryAfterSeconds()
                + " s";
        Response problem = Problems.response(Problems.forStatus(429, detail));
        return Response.fromResponse(problem).header("Retry-After", String.valueOf(refusal.retryAfterSeconds()))
                .build();
    }
}
