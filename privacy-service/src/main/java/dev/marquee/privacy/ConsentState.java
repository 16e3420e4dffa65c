package dev.marquee.privacy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A user's current consent decision for every purpose in one brand. */
@Entity
@Table(name = "consent_state")
@IdClass(ConsentState.Key.class)
public class ConsentState extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;

    @Id
    public String brand;

    /** Purpose wire name to granted. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Boolean> purposes;

    @Column(name = "policy_version")
    public String policyVersion;

    public String source;

    /** The user's consent version (a per-user sequence across brands) at which this brand was last decided. */
    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The user's current state in every brand they decided in, by brand. */
    public static List<ConsentState> everyBrand(String userId) {
        return list("userId", Sort.ascending("brand"), userId);
    }

    /** Composite key: user and brand. */
    public static class Key implements Serializable {
        public String userId;
        public String brand;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(brand, k.brand);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, brand);
        }
    }
}
