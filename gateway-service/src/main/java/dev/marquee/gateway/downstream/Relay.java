package dev.marquee.gateway.downstream;

import dev.marquee.commons.problem.Problem;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.problem.Problems;
import dev.marquee.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.VertxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Calls an internal service and relays its answer to the client: status, body and the headers that matter, so that
 * the internal services' problem+json errors reach clients unchanged. An internal service that does not answer
 * becomes a 503 problem; one that fails becomes a 502 problem without its internals.
 * <p>
 * Calls of idempotent requests (GET, HEAD, PUT, DELETE) that get no answer, or a 503, are tried again
 * ({@code marquee.gateway.downstream.retries}, with a doubling backoff); others never are, since the service may
 * have acted before the answer was lost. Each service has a {@link CircuitBreaker}: after
 * {@code failure-threshold} failed calls in a row the gateway answers 503 at once for {@code open-for}, with
 * {@code Retry-After}, instead of making every client wait for the timeout.
 */
@ApplicationScoped
public class Relay {
    private static final Logger LOG = Logger.getLogger(Relay.class);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    /** Path prefix of every internal service's API. */
    private static final String INTERNAL_ROOT = "/v1/";

    private final GatewayConfig.Downstream config;
    private final CurrentVertxRequest request;
    private final MeterRegistry registry;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public Relay(GatewayConfig config, CurrentVertxRequest request, MeterRegistry registry) {
        this.config = config.downstream();
        this.request = request;
        this.registry = registry;
    }

    /**
     * @param service    name of the internal service, for error messages
     * @param publicRoot path prefix of the same resources in the public API, e.g. {@code /api/v1/privacy/}
     * @param call       the call to make
     */
    public Response relay(String service, String publicRoot, Supplier<Response> call) {
        boolean idempotent = IDEMPOTENT.contains(request.getCurrent().request().method().name());
        try (Response answer = open(service, () -> call(service, idempotent, call), Response::getStatus)) {
            int status = answer.getStatus();
            if (status >= 500 && status != 503) {
                throw failed(service, status);
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

    /**
     * Calls an internal service behind its circuit breaker: an open circuit, or a service that does not answer,
     * gives a 503 problem; the outcome (a 5xx answer or none is a failure) moves the breaker. {@link #relay} calls
     * through it, and so does the gateway's streamed turn, which relays the stream or, when it is none, the answer.
     *
     * @param status the HTTP status of an answer; a 5xx counts as a failure of the service
     * @throws RelayedAnswer with the 503 of an open circuit
     */
    public <T> T open(String service, Supplier<T> call, ToIntFunction<T> status) {
        CircuitBreaker breaker = breaker(service);
        long wait = breaker.waitBeforeCalling(System.nanoTime());
        if (wait > 0) {
            throw new RelayedAnswer(shortCircuited(service, wait));
        }
        T answer = null;
        try {
            answer = call.get();
        } catch (ProcessingException | VertxException e) {
            LOG.warnf("%s did not answer: %s", service, e.getMessage());
            throw ProblemException.unavailable(service, service + " did not answer; please try again shortly");
        } finally {
            if (answer == null || status.applyAsInt(answer) >= 500) {
                breaker.failed(System.nanoTime());
            } else {
                breaker.succeeded();
            }
        }
        return answer;
    }

    /** The 502 problem of a service that answered with an error of its own (no internals are passed on). */
    public static ProblemException failed(String service, int status) {
        LOG.warnf("%s failed with %d", service, status);
        return new ProblemException(Problem.of("bad-gateway", "Bad gateway", 502,
                service + " failed to process the request"));
    }

    private Response shortCircuited(String service, long wait) {
        registry.counter("marquee.gateway.downstream.short.circuited", "service", service).increment();
        long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
        Response problem = Problems.response(Problem.of("service-unavailable", service + " is unavailable", 503,
                service + " failed repeatedly, so the gateway stopped calling it for a moment; please try again "
                        + "in " + seconds + " s"));
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, null)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).build();
    }

    /**
     * Makes the call, trying an idempotent request's call again while it gets no answer or a 503. No answer is a
     * failure to connect, a timeout, or a kept-alive connection the service closed meanwhile (Vert.x reports that
     * one as it is, not as a {@link ProcessingException}).
     */
    Response call(String service, boolean idempotent, Supplier<Response> call) {
        int retries = idempotent ? config.retries() : 0;
        long backoff = config.retryBackoff().toMillis();
        for (int attempt = 0; ; attempt++) {
            Response answer;
            try {
                answer = call.get();
            } catch (ProcessingException | VertxException e) {
                if (attempt < retries) {
                    pause(service, backoff << attempt);
                    continue;
                }
                LOG.warnf("%s did not answer: %s", service, e.getMessage());
                throw ProblemException.unavailable(service, service + " did not answer; please try again shortly");
            }
            if (answer.getStatus() == 503 && attempt < retries) {
                answer.close();
                pause(service, backoff << attempt);
                continue;
            }
            return answer;
        }
    }

    private void pause(String service, long millis) {
        registry.counter("marquee.gateway.downstream.retries", "service", service).increment();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable(service, "the call was interrupted");
        }
    }

    private CircuitBreaker breaker(String service) {
        return breakers.computeIfAbsent(service, name -> {
            CircuitBreaker breaker = new CircuitBreaker(config.failureThreshold(), config.openFor().toNanos());
            Gauge.builder("marquee.gateway.downstream.circuit.open", breaker,
                            b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1)
                    .tag("service", name).description("1 while the gateway does not call the service (open circuit)")
                    .register(registry);
            return breaker;
        });
    }

    private static void copy(Response from, Response.ResponseBuilder to, String header) {
        String value = from.getHeaderString(header);
        if (value != null) {
            to.header(header, value);
        }
    }
}
