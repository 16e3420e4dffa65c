package dev.marquee.recommendation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.RecommendationServed;
import dev.marquee.outbox.Outbox;
import dev.marquee.recommendation.model.CatalogSnapshot;
import dev.marquee.recommendation.model.Model;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Serves ranked lists — recommendations for a user, titles similar to a title, trending titles — from the
 * in-memory model. Every list gets a recommendation id, is stored (so that the next page of the same id never
 * repeats a title) and is announced as {@link RecommendationServed} in the same transaction (new lists by group
 * commit, {@link ServedListWriter}), with the strategy
 * that ranked it and the experiment variant of the user, so that later clicks and plays can be attributed.
 */
@ApplicationScoped
public class Recommender {
    public static final String SERVICE = "recommendation-service";
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String SIMILAR = "similar";
    public static final String TRENDING = "trending";

    private final ModelStore store;
    private final Strategies strategies;
    private final Outbox outbox;
    private final ServedListWriter writer;
    private final EntityManager em;
    private final ObjectMapper mapper;

    public Recommender(ModelStore store, Strategies strategies, Outbox outbox, ServedListWriter writer,
                       EntityManager em, ObjectMapper mapper) {
        this.writer = writer;
        this.store = store;
        this.strategies = strategies;
        this.outbox = outbox;
        this.em = em;
        this.mapper = mapper;
    }

    /**
     * What a list is of; kept with the list so that later pages rank the same way.
     *
     * @param list     {@value #RECOMMENDATIONS}, {@value #SIMILAR} or {@value #TRENDING}
     * @param titleId  the title to find similar ones to (similar lists only)
     * @param strategy strategy asked for by name, or null for the user's assignment (recommendations only)
     * @param exclude  title ids the client does not want
     * @param source   the surface that asked: chat, home, ...
     */
    public record ListRequest(String list, String titleId, TitleFilter filter, String strategy, List<String> exclude,
                              String source) {
    }

    /** A served page of a list. */
    public record Served(String recommendationId, String strategy, String variant, int page, boolean personalized,
                         List<Model.Ranked> items) {
    }

    /** Serves the first page of a new list; returns once the list and its event are committed. */
    public Served serve(String userId, String brand, ListRequest request, int k) {
        Strategies.Assignment assignment = RECOMMENDATIONS.equals(request.list())
                ? strategies.assign(userId, request.strategy()) : null;
        String variant = assignment == null ? Strategies.NO_EXPERIMENT : assignment.variant();
        Ranking ranking = rank(userId, brand, request, assignment, Set.copyOf(request.exclude()), k);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        writer.write(new ServedListWriter.ServedList(id, userId, ranking.strategy(), variant, json(request),
                ranking.ids().toArray(String[]::new), Timestamp.from(now),
                event(userId, brand, id, ranking, variant, 0, 0, request.source(), now)));
        return served(id, ranking, variant, 0);
    }

    /** Serves the next page of a list served earlier to the same user; never repeats a title of earlier pages. */
    @Transactional
    public Served nextPage(String userId, String brand, UUID recommendationId, int k) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT CAST(request AS text), title_ids, pages, variant, strategy FROM served_list
                        WHERE recommendation_id = ?1 AND user_id = ?2 FOR UPDATE""")
                .setParameter(1, recommendationId)
                .setParameter(2, userId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("recommendation", recommendationId.toString());
        }
        Object[] row = rows.getFirst();
        ListRequest request;
        try {
            request = mapper.readValue((String) row[0], ListRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("served list " + recommendationId + " cannot be read", e);
        }
        List<String> earlier = List.of((String[]) row[1]);
        int page = ((Number) row[2]).intValue();
        String variant = (String) row[3];
        Set<String> exclude = new HashSet<>(request.exclude());
        exclude.addAll(earlier);
        Strategies.Assignment assignment = RECOMMENDATIONS.equals(request.list())
                ? new Strategies.Assignment(strategies.named(strategyOf((String) row[4])), variant) : null;
        Ranking ranking = rank(userId, brand, request, assignment, exclude, k);
        List<String> all = new ArrayList<>(earlier);
        all.addAll(ranking.ids());
        em.createNativeQuery("UPDATE served_list SET title_ids = ?2, pages = pages + 1 WHERE recommendation_id = ?1")
                .setParameter(1, recommendationId)
                .setParameter(2, all.toArray(String[]::new))
                .executeUpdate();
        outbox.add(event(userId, brand, recommendationId, ranking, variant, page, earlier.size(), request.source(),
                Instant.now()));
        return served(recommendationId, ranking, variant, page);
    }

    /** The strategy a stored list ran, or the default when the configuration no longer has it. */
    private String strategyOf(String stored) {
        return strategies.names().contains(stored) ? stored : strategies.defaultStrategy().name();
    }

    private record Ranking(String strategy, boolean personalized, List<Model.Ranked> items) {
        List<String> ids() {
            return items.stream().map(r -> r.title().id()).toList();
        }
    }

    private Ranking rank(String userId, String brand, ListRequest request, Strategies.Assignment assignment,
                         Set<String> exclude, int k) {
        Model model = store.model();
        long now = System.currentTimeMillis();
        TitleFilter f = request.filter().forRecommendations();
        CatalogSnapshot.Filter filter = model.catalog().filter(f.genre(), f.kinds(), f.region(), f.maxAgeRating(),
                now);
        return switch (request.list()) {
            case RECOMMENDATIONS -> {
                Model.Result result = model.recommend(new Model.Request(userId, brand, k, filter, exclude,
                        assignment.strategy(), now));
                yield new Ranking(result.personalized() ? assignment.strategy().name() : TRENDING,
                        result.personalized(), result.items());
            }
            case SIMILAR -> {
                if (model.catalog().indexOf(request.titleId()) < 0) {
                    throw ProblemException.notFound("title", request.titleId());
                }
                yield new Ranking(SIMILAR, false, model.similar(request.titleId(), k, filter, exclude, now));
            }
            case TRENDING -> new Ranking(TRENDING, false, model.trending(k, filter, exclude, now));
            default -> throw new IllegalArgumentException("unknown list " + request.list());
        };
    }

    private static EventEnvelope event(String userId, String brand, UUID id, Ranking ranking, String variant,
                                       int page, int ranksBefore, String source, Instant now) {
        List<RecommendationServed.Item> items = new ArrayList<>(ranking.items().size());
        for (int i = 0; i < ranking.items().size(); i++) {
            Model.Ranked r = ranking.items().get(i);
            items.add(new RecommendationServed.Item(r.title().id(), ranksBefore + i + 1,
                    Math.round(r.score() * 10_000) / 10_000.0, r.reason().text()));
        }
        String eventId = page == 0 ? id.toString() : id + ":" + page;
        return EventEnvelope.forUser(userId, eventId, CloudEventHeaders.sourceOf(SERVICE), now,
                new RecommendationServed(id.toString(), userId, brand, ranking.strategy(), variant, source, items,
                        now));
    }

    private static Served served(UUID id, Ranking ranking, String variant, int page) {
        return new Served(id.toString(), ranking.strategy(), variant, page, ranking.personalized(), ranking.items());
    }

    private String json(ListRequest request) {
        try {
            return mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
