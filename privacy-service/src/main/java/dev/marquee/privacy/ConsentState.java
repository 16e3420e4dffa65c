package dev.marquee.privacy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/** A user's current consent decision for every purpose. */
@Entity
@Table(name = "consent_state")
public class ConsentState extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;

    public String brand;

    /** Purpose wire name to granted. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Boolean> purposes;

    @Column(name = "policy_version")
    public String policyVersion;

    public String source;

    /** Increases by one with every change. */
    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
