package dev.marquee.recommendation.rest;

import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.recommendation.TitleKind;
import dev.marquee.recommendation.config.RecommendationConfig;
import dev.marquee.recommendation.service.Recommender;
import io.quarkus.security.Authenticated;
import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** Recommendations for the calling user, and what is trending. */
@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
public class RecommendationResource {
    private final Recommender recommender;
    private final CurrentUser user;
    private final RecommendationConfig config;
    private final EntityManager em;

    public RecommendationResource(Recommender recommender, CurrentUser user, RecommendationConfig config,
                                  EntityManager em) {
        this.recommender = recommender;
        this.user = user;
        this.config = config;
        this.em = em;
    }

    /** One recommended title with the reason it is there. */
    public record Item(String titleId, String name, TitleKind kind, List<String> genres, int year, int ageRating,
                       double score, String reason) {
        static Item of(Recommender.Ranked r) {
            return new Item(r.title().id, r.title().name, r.title().kind, r.title().genres, r.title().year,
                    r.title().ageRating, Math.round(r.score() * 1000) / 1000.0, r.reason());
        }
    }

    /** A served list; quote its id with the interactions it leads to. */
    public record RecommendationList(String recommendationId, String strategy, String variant, List<Item> items) {
    }

    @GET
    @Path("/recommendations")
    @Operation(summary = "Recommendations for the calling user; announced as RecommendationServed. Without a kind "
            + "filter, single episodes are left out")
    public RecommendationList recommendations(@QueryParam("k") @DefaultValue("10") @Min(1) @Max(100) int k,
                                              @Valid @BeanParam FilterParams filter,
                                              @QueryParam("source") @DefaultValue("other")
                                              @Pattern(regexp = Patterns.SOURCE, message = Patterns.SOURCE_MESSAGE)
                                              String source) {
        Recommender.Recommendation served = recommender.recommend(user.id(), user.brand(),
                filter.toFilter().forRecommendations(), Math.min(k, config.maxResults()), source);
        return new RecommendationList(served.recommendationId(), served.strategy(), served.variant(),
                served.items().stream().map(Item::of).toList());
    }

    /** Something the calling user did with a title. */
    public record Activity(String titleId, String name, String kind, String type, Instant occurredAt) {
    }

    @GET
    @Path("/activity")
    @Operation(summary = "The calling user's most recent interactions with titles, newest first")
    public List<Activity> activity(@QueryParam("size") @DefaultValue("10") @Min(1) @Max(50) int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT i.title_id, t.name, t.kind, i.type, i.occurred_at FROM interaction i
                JOIN title t ON t.id = i.title_id WHERE i.user_id = ?1 ORDER BY i.occurred_at DESC, i.interaction_id
                LIMIT ?2""").setParameter(1, user.id()).setParameter(2, size).getResultList();
        return rows.stream().map(r -> new Activity((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                r[4] instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) r[4])).toList();
    }

    @GET
    @Path("/trending")
    @Operation(summary = "The most popular available titles now, with time decay")
    public List<Item> trending(@QueryParam("k") @DefaultValue("10") @Min(1) @Max(100) int k,
                               @Valid @BeanParam FilterParams filter) {
        return recommender.trending(filter.toFilter().forRecommendations(), Math.min(k, config.maxResults())).stream()
                .map(Item::of).toList();
    }
}
