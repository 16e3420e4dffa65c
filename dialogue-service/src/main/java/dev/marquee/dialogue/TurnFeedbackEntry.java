package dev.marquee.dialogue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A user's thumbs up or down on one turn. */
@Entity
@Table(name = "turn_feedback")
public class TurnFeedbackEntry extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "turn_id")
    public UUID turnId;

    @Column(name = "user_id")
    public String userId;

    /** {@code up} or {@code down}. */
    public String rating;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;
}
