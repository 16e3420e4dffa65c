package dev.marquee.privacy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user's request that every required service must answer (erasure, export): pending until all answered, sent
 * again to the services that did not, flagged overdue when they take too long.
 */
@MappedSuperclass
public abstract class SagaRequest extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String COMPLETED = "completed";

    @Id
    public UUID id;

    @Column(name = "user_id")
    public String userId;

    public String status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "required_services")
    public List<String> requiredServices;

    /** How many times the request was published. */
    public int attempts;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "last_sent_at")
    public Instant lastSentAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** When the request was flagged for still waiting after the overdue period; null while it is not. */
    @Column(name = "overdue_at")
    public Instant overdueAt;
}
