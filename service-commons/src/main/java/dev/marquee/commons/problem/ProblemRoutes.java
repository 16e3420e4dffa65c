package dev.marquee.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers the failures that happen before a request reaches a REST resource with problem+json too: paths
 * that match nothing (404) and bodies over {@code quarkus.http.limits.max-body-size} (413).
 */
@ApplicationScoped
public class ProblemRoutes {
    private final ObjectMapper mapper;

    public ProblemRoutes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(ctx -> write(ctx,
                Problems.forStatus(404, "no resource at this path")));
        router.errorHandler(413, ctx -> write(ctx,
                Problems.forStatus(413, "the request body is larger than this service accepts")));
    }

    private void write(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        try {
            String body = mapper.writeValueAsString(problem.withInstance(ctx.normalizedPath()));
            ctx.response()
                    .setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, problem.status() == 413 ? "close" : "keep-alive")
                    .end(body);
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
