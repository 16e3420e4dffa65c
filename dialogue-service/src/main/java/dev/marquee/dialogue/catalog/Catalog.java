package dev.marquee.dialogue.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the dialogue knows of the catalog: recommendation-service's answers, and its genre vocabulary cached
 * for a few minutes. Failures surface as {@link CatalogUnavailableException}.
 */
@ApplicationScoped
public class Catalog {
    private static final Duration VOCABULARY_TTL = Duration.ofMinutes(5);

    private final CatalogClient client;
    private volatile List<String> genres = List.of();
    private volatile Instant genresFetched = Instant.EPOCH;

    public Catalog(@RestClient CatalogClient client) {
        this.client = client;
    }

    public CatalogClient.RecommendationList recommend(int k, String genre, List<String> kinds) {
        try {
            return client.recommendations(k, genre, kinds, "chat");
        } catch (RuntimeException e) {
            throw new CatalogUnavailableException(e);
        }
    }

    public List<CatalogClient.CatalogTitle> search(String query, int size) {
        try {
            return client.search(query, size).items();
        } catch (RuntimeException e) {
            throw new CatalogUnavailableException(e);
        }
    }

    /** The catalog's genres; the last known list (possibly empty) when the catalog cannot be reached. */
    public List<String> genres() {
        if (Instant.now().isAfter(genresFetched.plus(VOCABULARY_TTL)) || genres.isEmpty()) {
            try {
                genres = List.copyOf(client.facets().genres());
                genresFetched = Instant.now();
            } catch (RuntimeException e) {
                return genres;
            }
        }
        return genres;
    }

    /** recommendation-service could not answer. */
    public static class CatalogUnavailableException extends RuntimeException {
        CatalogUnavailableException(Throwable cause) {
            super("the catalog is unavailable: " + cause.getMessage(), cause);
        }
    }
}
