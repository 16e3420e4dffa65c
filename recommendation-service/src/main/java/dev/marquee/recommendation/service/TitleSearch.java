package dev.marquee.recommendation.service;

import dev.marquee.recommendation.Title;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Finds available titles by words of their name or synopsis, and by filters. */
@ApplicationScoped
public class TitleSearch {
    private final EntityManager em;

    public TitleSearch(EntityManager em) {
        this.em = em;
    }

    /** One page of matches. */
    public record Result(List<Title> items, int page, int size, long total) {
    }

    public Result search(String text, TitleFilter filter, int page, int size) {
        Instant now = Instant.now();
        long total = ((Number) matching("SELECT count(*) FROM title t", text, filter, now)
                .query(em, null).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Title> items = matching("SELECT t.* FROM title t", text, filter, now)
                .page("t.name, t.id", size, (long) page * size)
                .query(em, Title.class)
                .getResultList();
        return new Result(items, page, size, total);
    }

    private static TitleSql matching(String select, String text, TitleFilter filter, Instant now) {
        TitleSql sql = new TitleSql(select).filter(filter, now);
        if (text != null && !text.isBlank()) {
            String like = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "") + "%";
            sql.and("(lower(t.name) LIKE ? OR lower(t.synopsis) LIKE ?)", like);
        }
        return sql;
    }

    /** Every genre in the catalog, alphabetically. */
    @SuppressWarnings("unchecked")
    public List<String> genres() {
        return em.createNativeQuery("SELECT DISTINCT unnest(genres) AS g FROM title ORDER BY g").getResultList();
    }
}
