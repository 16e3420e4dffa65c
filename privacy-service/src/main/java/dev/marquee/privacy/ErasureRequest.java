package dev.marquee.privacy;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.UUID;

/** A user's request to be forgotten, pending until every required service confirmed. */
@Entity
@Table(name = "erasure_request")
public class ErasureRequest extends SagaRequest {
    public static ErasureRequest findOwned(UUID id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResult();
    }
}
