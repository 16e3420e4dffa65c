package dev.marquee.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Answers the failures that happen before a request reaches a REST resource with problem+json too: paths
 * that match nothing (404) and bodies over {@code quarkus.http.limits.max-body-size} (413).
 */
@ApplicationScoped
public class ProblemRoutes {
    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    public ProblemRoutes(ObjectMapper mapper,
                         @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBody.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        // Bodies announced larger than the limit are refused before anything reads them; Quarkus's own check
        // (which answers with an empty 413) still covers chunked bodies without a Content-Length.
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isLarger(length)) {
                write(ctx, Problems.forStatus(413, "the request body is larger than this service accepts ("
                        + maxBodyBytes + " bytes)"));
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MAX_VALUE).handler(ctx -> write(ctx,
                Problems.forStatus(404, "no resource at this path")));
        router.errorHandler(413, ctx -> write(ctx,
                Problems.forStatus(413, "the request body is larger than this service accepts")));
    }

    private boolean isLarger(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
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
