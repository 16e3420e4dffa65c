package dev.marquee.recommendation.service;

import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.RecommendationServed;
import dev.marquee.outbox.Outbox;
import dev.marquee.recommendation.Title;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Ranks titles and serves recommendation lists. Every served list gets a recommendation id and is announced
 * as {@link RecommendationServed} in the same transaction, so that later clicks and plays can be attributed.
 */
@ApplicationScoped
public class Recommender {
    public static final String SERVICE = "recommendation-service";
    static final String STRATEGY_TRENDING = "trending";
    static final String VARIANT_CONTROL = "control";

    private final EntityManager em;
    private final Popularity popularity;
    private final Outbox outbox;

    public Recommender(EntityManager em, Popularity popularity, Outbox outbox) {
        this.em = em;
        this.popularity = popularity;
        this.outbox = outbox;
    }

    /** A title with its score and the reason it is in the list. */
    public record Ranked(Title title, double score, String reason) {
    }

    /** A served list. */
    public record Recommendation(String recommendationId, String strategy, String variant, List<Ranked> items) {
    }

    /** The most popular available titles now, most popular first. */
    @Transactional
    public List<Ranked> trending(TitleFilter filter, int k) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = new TitleSql("""
                SELECT t.id, COALESCE(p.score, 0) AS score FROM title t
                LEFT JOIN title_popularity p ON p.title_id = t.id""")
                .filter(filter, now)
                .page("score DESC, t.release_year DESC, t.id", k, 0)
                .query(em, null)
                .getResultList();
        Map<String, Title> titles = Title.<Title>list("id in ?1", rows.stream().map(r -> (String) r[0]).toList())
                .stream().collect(Collectors.toMap(t -> t.id, t -> t));
        List<Ranked> ranked = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            double score = popularity.scoreAt(((Number) row[1]).doubleValue(), now);
            ranked.add(new Ranked(titles.get((String) row[0]), score, reason(score, filter)));
        }
        return ranked;
    }

    /** Serves a list to a user and announces it. */
    @Transactional
    public Recommendation recommend(String userId, String brand, TitleFilter filter, int k, String source) {
        List<Ranked> items = trending(filter, k);
        String recommendationId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        List<RecommendationServed.Item> served = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Ranked r = items.get(i);
            served.add(new RecommendationServed.Item(r.title().id, i + 1, r.score(), r.reason()));
        }
        outbox.add(EventEnvelope.forUser(userId, recommendationId, CloudEventHeaders.sourceOf(SERVICE), now,
                new RecommendationServed(recommendationId, userId, brand, STRATEGY_TRENDING, VARIANT_CONTROL, source,
                        served, now)));
        return new Recommendation(recommendationId, STRATEGY_TRENDING, VARIANT_CONTROL, items);
    }

    private static String reason(double score, TitleFilter filter) {
        if (score <= 0.01) {
            return filter.genre() != null ? "A pick from " + capitalize(filter.genre()) : "Fresh in the catalog";
        }
        return filter.genre() != null ? "Trending in " + capitalize(filter.genre()) + " this week"
                : "Trending this week";
    }

    private static String capitalize(String genre) {
        return genre.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + genre.substring(1);
    }
}
