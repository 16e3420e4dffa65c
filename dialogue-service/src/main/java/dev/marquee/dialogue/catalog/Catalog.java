package dev.marquee.dialogue.catalog;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * recommendation-service for one user's turn, guarded: each call has a timeout, is retried twice with
 * backoff when the service fails (never when it rejects the request), and a circuit breaker stops calling
 * a service that keeps failing so that turns answer at once that the catalog is unavailable. Failures surface
 * as {@link CatalogUnavailableException}. Values can be tuned per method with MicroProfile Fault Tolerance
 * configuration, e.g. {@code dev.marquee.dialogue.catalog.Catalog/recommend/Retry/maxRetries=1}. Each public
 * method has a circuit breaker of its own.
 */
@ApplicationScoped
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 100, abortOn = {Catalog.ClientError.class, CircuitBreakerOpenException.class})
@ExponentialBackoff
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = Catalog.ClientError.class)
public class Catalog {
    private final CatalogClient client;

    public Catalog(@RestClient CatalogClient client) {
        this.client = client;
    }

    public CatalogClient.RecommendationList recommend(String bearer, int k, String genre, List<String> kinds,
                                                      Audience audience) {
        return call(() -> client.recommendations("Bearer " + bearer, k, genre, kinds, audience.maxAgeRating(),
                audience.region(), "chat"));
    }

    public List<CatalogClient.Activity> activity(String bearer, int size) {
        return call(() -> client.activity("Bearer " + bearer, size));
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                throw new ClientError(status, e);
            }
            throw e;
        }
    }

    /** The result of a call to this bean, with any failure (after its retries) as unavailability. */
    public static <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new CatalogUnavailableException(e);
        }
    }

    /** recommendation-service rejected the request itself: retrying would not help. */
    public static class ClientError extends RuntimeException {
        ClientError(int status, Throwable cause) {
            super("recommendation-service answered " + status, cause);
        }
    }

    /** recommendation-service could not answer. */
    public static class CatalogUnavailableException extends RuntimeException {
        public CatalogUnavailableException(Throwable cause) {
            super("the catalog is unavailable: " + cause.getMessage(), cause);
        }
    }
}
