package dev.marquee.dialogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A conversation of one user with one persona. */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {
    public static final String ACTIVE = "active";
    public static final String HANDOFF = "handoff";

    @Id
    public UUID id;

    @Column(name = "user_id")
    public String userId;

    public String brand;

    /** Persona id (without version). */
    public String persona;

    public String channel;

    /** {@value #ACTIVE} or {@value #HANDOFF} (waiting for a human). */
    public String state;

    /** How many turns the conversation has; the last turn's seq. */
    public int turns;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The user's own conversation, or null: another user's conversation is as good as absent. */
    /**
     * The user's conversation in the brand they come through: a conversation belongs to one brand, so another
     * brand's app (or token) neither sees nor resumes it.
     */
    public static Conversation findOwned(UUID id, String userId, String brand) {
        return find("id = ?1 and userId = ?2 and brand = ?3", id, userId, brand).firstResult();
    }
}
