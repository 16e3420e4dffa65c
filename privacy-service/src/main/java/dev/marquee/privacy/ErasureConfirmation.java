package dev.marquee.privacy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A service's confirmation that it erased a user's data for a request. */
@Entity
@Table(name = "erasure_confirmation")
@IdClass(AnswerKey.class)
public class ErasureConfirmation extends PanacheEntityBase {
    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Id
    public String service;

    /** What the service erased, as counts per kind of record. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Long> erased;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;
}
