package dev.marquee.commons.problem;

import jakarta.ws.rs.core.Response;

/** Builds problem responses. */
public final class Problems {
    private Problems() {
    }

    public static Response response(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (problem.status() == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        if (problem.status() == 503) {
            builder.header("Retry-After", "5");
        }
        return builder.build();
    }

    /** The problem slug and title of a status without a more specific problem. */
    public static Problem forStatus(int status, String detail) {
        return switch (status) {
            case 400 -> Problem.of("bad-request", "Bad request", 400, detail);
            case 401 -> Problem.of("unauthorized", "Authentication required", 401, detail);
            case 403 -> Problem.of("forbidden", "Forbidden", 403, detail);
            case 404 -> Problem.of("not-found", "Not found", 404, detail);
            case 405 -> Problem.of("method-not-allowed", "Method not allowed", 405, detail);
            case 406 -> Problem.of("not-acceptable", "Not acceptable", 406, detail);
            case 409 -> Problem.of("conflict", "Conflict", 409, detail);
            case 410 -> Problem.of("gone", "Gone", 410, detail);
            case 413 -> Problem.of("payload-too-large", "Payload too large", 413, detail);
            case 415 -> Problem.of("unsupported-media-type", "Unsupported media type", 415, detail);
            case 429 -> Problem.of("too-many-requests", "Too many requests", 429, detail);
            case 503 -> Problem.of("service-unavailable", "Service unavailable", 503, detail);
            default -> status >= 500
                    ? Problem.of("internal-error", "Internal error", status, detail)
                    : Problem.of("http-" + status, Response.Status.Family.familyOf(status).name(), status, detail);
        };
    }
}
