package dev.marquee.privacy;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * A user's request for a copy of their data, pending until every required service contributed; {@code expired}
 * once its bundle was deleted after {@code marquee.privacy.export.keep-for}.
 */
@Entity
@Table(name = "export_request")
public class ExportRequest extends SagaRequest {
    public static final String EXPIRED = "expired";

    public static ExportRequest findOwned(UUID id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResult();
    }
}
