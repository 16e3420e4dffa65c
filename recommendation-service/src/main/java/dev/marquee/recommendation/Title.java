package dev.marquee.recommendation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/** A catalog title: a movie, series, episode, game or live event. */
@Entity
@Table(name = "title")
public class Title extends PanacheEntityBase {
    @Id
    public String id;

    @Convert(converter = TitleKindConverter.class)
    public TitleKind kind;

    public String name;

    public String synopsis;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> genres;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "cast_members")
    public List<String> cast;

    @Column(name = "release_year")
    public int year;

    @Column(name = "runtime_minutes")
    public Integer runtimeMinutes;

    /** Minimum age: 0, 7, 12, 16 or 18. */
    @Column(name = "age_rating")
    public int ageRating;

    /** ISO 3166 country codes where the title may be shown. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> regions;

    @Column(name = "available_from")
    public Instant availableFrom;

    @Column(name = "available_until")
    public Instant availableUntil;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean availableAt(Instant when) {
        return !availableFrom.isAfter(when) && (availableUntil == null || availableUntil.isAfter(when));
    }
}
