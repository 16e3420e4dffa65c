package dev.marquee.recommendation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.recommendation.TitleKind;
import dev.marquee.recommendation.config.RecommendationConfig;
import dev.marquee.recommendation.model.Model;
import dev.marquee.recommendation.service.Recommender;
import dev.marquee.recommendation.service.TitleFilter;
import io.quarkus.security.Authenticated;
import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Ranked lists for the calling user — recommendations, similar titles, trending — each with a recommendation id
 * (quote it with the interactions it leads to; pass it back to get the next page without repeats), the strategy
 * and experiment variant, and a reason per title. The caller's token caps what may appear: its
 * {@code maturity_rating} bounds the age rating and its {@code region} decides availability unless the request
 * names a region.
 */
@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
public class RecommendationResource {
    private static final String PAGE_DOC = "pass the recommendationId of an earlier page to get the next page of "
            + "the same list (its filters and strategy are kept; no title repeats)";

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

    /**
     * Why a title is in a list.
     *
     * @param scorer    the scorer that contributed most: trending, collaborative, content or profile
     * @param becauseOf the title of the user's history the reason refers to, if any
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Explanation(String scorer, String becauseOf) {
    }

    /** One ranked title with the reason it is there. */
    public record Item(String titleId, String name, TitleKind kind, List<String> genres, int year, int ageRating,
                       double score, String reason, Explanation explanation) {
        static Item of(Model.Ranked r) {
            return new Item(r.title().id(), r.title().name(), r.title().kind(), r.title().genres(), r.title().year(),
                    r.title().ageRating(), Math.round(r.score() * 10_000) / 10_000.0, r.reason().text(),
                    new Explanation(r.reason().scorer(), r.reason().becauseOf()));
        }
    }

    /**
     * A served page of a list.
     *
     * @param personalized whether the caller's own history or stated tastes were used (needs consent)
     */
    public record RecommendationList(String recommendationId, String strategy, String variant, int page,
                                     boolean personalized, List<Item> items) {
        static RecommendationList of(Recommender.Served s) {
            return new RecommendationList(s.recommendationId(), s.strategy(), s.variant(), s.page(), s.personalized(),
                    s.items().stream().map(Item::of).toList());
        }
    }

    @GET
    @Path("/recommendations")
    @Operation(summary = "Recommendations for the calling user, ranked by their strategy (or the one named), "
            + "announced as RecommendationServed. Without personalization consent only non-personalized lists. "
            + "Without a kind filter, single episodes are left out; " + PAGE_DOC)
    public RecommendationList recommendations(@QueryParam("k") @DefaultValue("10") @Min(1) @Max(100) int k,
                                              @Valid @BeanParam FilterParams filter,
                                              @Valid @BeanParam ListParams list,
                                              @QueryParam("strategy") @Pattern(regexp = "[a-z][a-z0-9-]{0,39}",
                                                      message = "must be a strategy name") String strategy) {
        return serve(new Recommender.ListRequest(Recommender.RECOMMENDATIONS, null, filter(filter), strategy,
                list.excluded(), list.source), k, list.recommendationId);
    }

    @GET
    @Path("/titles/{id}/similar")
    @Operation(summary = "Titles similar to one title, by content and by what its viewers also enjoyed; "
            + PAGE_DOC)
    public RecommendationList similar(@PathParam("id") @Pattern(regexp = Patterns.TITLE_ID) String id,
                                      @QueryParam("k") @DefaultValue("10") @Min(1) @Max(100) int k,
                                      @Valid @BeanParam FilterParams filter, @Valid @BeanParam ListParams list) {
        return serve(new Recommender.ListRequest(Recommender.SIMILAR, id, filter(filter), null, list.excluded(),
                list.source), k, list.recommendationId);
    }

    @GET
    @Path("/trending")
    @Operation(summary = "The most popular available titles now, with time decay; " + PAGE_DOC)
    public RecommendationList trending(@QueryParam("k") @DefaultValue("10") @Min(1) @Max(100) int k,
                                       @Valid @BeanParam FilterParams filter, @Valid @BeanParam ListParams list) {
        return serve(new Recommender.ListRequest(Recommender.TRENDING, null, filter(filter), null, list.excluded(),
                list.source), k, list.recommendationId);
    }

    private RecommendationList serve(Recommender.ListRequest request, int k, String continuing) {
        int size = Math.min(k, config.maxResults());
        Recommender.Served served = continuing == null
                ? recommender.serve(user.id(), user.brand(), request, size)
                : recommender.nextPage(user.id(), user.brand(), UUID.fromString(continuing), size);
        return RecommendationList.of(served);
    }

    /** The client's filters, capped by the caller's token: maturity rating and region. */
    private TitleFilter filter(FilterParams params) {
        TitleFilter requested = params.toFilter();
        int maxAge = Math.min(requested.maxAgeRating() == null ? Integer.MAX_VALUE : requested.maxAgeRating(),
                user.maturityRating());
        String region = requested.region() != null ? requested.region() : user.region();
        return new TitleFilter(requested.genre(), requested.kinds(), region, maxAge);
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

    /** Query parameters every list endpoint shares. */
    public static class ListParams {
        @QueryParam("source")
        @DefaultValue("other")
        @Pattern(regexp = Patterns.SOURCE, message = Patterns.SOURCE_MESSAGE)
        public String source;

        /** Repeatable: {@code exclude=mv-0001&exclude=mv-0002}. */
        @QueryParam("exclude")
        @Size(max = 500)
        public List<@Pattern(regexp = Patterns.TITLE_ID, message = "must be a title id") String> exclude;

        @QueryParam("recommendationId")
        @Pattern(regexp = Patterns.UUID, message = Patterns.UUID_MESSAGE)
        public String recommendationId;

        List<String> excluded() {
            return exclude == null ? List.of() : List.copyOf(exclude);
        }
    }
}
