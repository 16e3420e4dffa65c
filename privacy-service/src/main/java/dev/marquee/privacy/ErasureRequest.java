package dev.marquee.privacy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user's request to be forgotten, pending until every required service confirmed. */
@Entity
@Table(name = "erasure_request")
public class ErasureRequest extends PanacheEntityBase {
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

    public static ErasureRequest findOwned(UUID id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResult();
    }
}
