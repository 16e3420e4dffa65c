package dev.marquee.recommendation.service;

import dev.marquee.recommendation.TitleKind;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds native SQL over the {@code title} table (alias {@code t}) with numbered parameters, so that
 * recommendations and search apply the same filters in the same way.
 */
final class TitleSql {
    private final StringBuilder sql;
    private final List<Object> params = new ArrayList<>();

    TitleSql(String selectFrom) {
        this.sql = new StringBuilder(selectFrom).append(" WHERE TRUE");
    }

    /** Adds {@code AND clause}, where each {@code ?} in the clause is bound to {@code value}. */
    TitleSql and(String clause, Object value) {
        params.add(value);
        sql.append(" AND ").append(clause.replace("?", "?" + params.size()));
        return this;
    }

    /** Availability at {@code now} plus the client's filters. */
    TitleSql filter(TitleFilter filter, Instant now) {
        and("t.available_from <= ? AND (t.available_until IS NULL OR t.available_until > ?)", Timestamp.from(now));
        if (filter.genre() != null) {
            and("? = ANY (t.genres)", filter.genre());
        }
        if (!filter.kinds().isEmpty()) {
            and("t.kind = ANY (?)", filter.kinds().stream().map(TitleKind::wireName).sorted().toArray(String[]::new));
        }
        if (filter.region() != null) {
            and("? = ANY (t.regions)", filter.region());
        }
        if (filter.maxAgeRating() != null) {
            and("t.age_rating <= ?", filter.maxAgeRating());
        }
        return this;
    }

    /** Appends ORDER BY, LIMIT and OFFSET. */
    TitleSql page(String orderBy, int limit, long offset) {
        params.add(limit);
        sql.append(" ORDER BY ").append(orderBy).append(" LIMIT ?").append(params.size());
        params.add(offset);
        sql.append(" OFFSET ?").append(params.size());
        return this;
    }

    Query query(EntityManager em, Class<?> resultType) {
        Query query = resultType == null ? em.createNativeQuery(sql.toString())
                : em.createNativeQuery(sql.toString(), resultType);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }
}
