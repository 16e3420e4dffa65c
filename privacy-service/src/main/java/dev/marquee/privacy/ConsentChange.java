package dev.marquee.privacy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of the append-only consent history: a purpose switched on or off. */
@Entity
@Table(name = "consent_history")
public class ConsentChange extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id")
    public String userId;

    public String brand;

    public String purpose;

    public boolean granted;

    @Column(name = "policy_version")
    public String policyVersion;

    public String source;

    public long version;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
