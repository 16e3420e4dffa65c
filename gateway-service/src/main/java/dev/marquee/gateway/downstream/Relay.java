package dev.marquee.gateway.downstream;

import dev.marquee.commons.problem.Problem;
import dev.marquee.commons.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * Relays an internal service's answer to the client: status, body and the headers that matter, so that the
 * internal services' problem+json errors reach clients unchanged. An internal service that does not answer
 * becomes a 503 problem; one that fails becomes a 502 problem without its internals.
 */
@ApplicationScoped
public class Relay {
    private static final Logger LOG = Logger.getLogger(Relay.class);

    /** Path prefix of every internal service's API. */
    private static final String INTERNAL_ROOT = "/v1/";

    /**
     * @param service    name of the internal service, for error messages
     * @param publicRoot path prefix of the same resources in the public API, e.g. {@code /api/v1/privacy/}
     * @param call       the call to make
     */
    public Response relay(String service, String publicRoot, Supplier<Response> call) {
        Response answer;
        try {
            answer = call.get();
        } catch (ProcessingException e) {
            LOG.warnf("%s did not answer: %s", service, e.getMessage());
            throw ProblemException.unavailable(service, service + " did not answer; please try again shortly");
        }
        try (answer) {
            int status = answer.getStatus();
            if (status >= 500 && status != 503) {
                LOG.warnf("%s failed with %d", service, status);
                throw new ProblemException(Problem.of("bad-gateway", "Bad gateway", 502,
                        service + " failed to process the request"));
            }
            Response.ResponseBuilder relayed = Response.status(status);
            if (answer.hasEntity()) {
                relayed.entity(answer.readEntity(byte[].class));
            }
            copy(answer, relayed, HttpHeaders.CONTENT_TYPE);
            copy(answer, relayed, HttpHeaders.RETRY_AFTER);
            copy(answer, relayed, HttpHeaders.WWW_AUTHENTICATE);
            copy(answer, relayed, HttpHeaders.CONTENT_DISPOSITION);
            copy(answer, relayed, HttpHeaders.CACHE_CONTROL);
            String location = answer.getHeaderString(HttpHeaders.LOCATION);
            if (location != null) {
                int at = location.indexOf(INTERNAL_ROOT);
                relayed.header(HttpHeaders.LOCATION, at < 0 ? location
                        : publicRoot + location.substring(at + INTERNAL_ROOT.length()));
            }
            return relayed.build();
        }
    }

    private static void copy(Response from, Response.ResponseBuilder to, String header) {
        String value = from.getHeaderString(header);
        if (value != null) {
            to.header(header, value);
        }
    }
}
