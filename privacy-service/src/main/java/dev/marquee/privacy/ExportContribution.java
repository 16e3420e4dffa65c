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

/** A service's part of a user's data export. */
@Entity
@Table(name = "export_contribution")
@IdClass(AnswerKey.class)
public class ExportContribution extends PanacheEntityBase {
    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Id
    public String service;

    /** The service's data about the user, one entry per kind of record. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> data;

    @Column(name = "contributed_at")
    public Instant contributedAt;
}
