package dev.marquee.dialogue.service;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.dialogue.Conversation;
import dev.marquee.dialogue.Turn;
import dev.marquee.dialogue.TurnFeedbackEntry;
import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.TurnFeedback;
import dev.marquee.outbox.Locks;
import dev.marquee.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** Thumbs up or down on a turn, stored and announced as {@link TurnFeedback}. */
@ApplicationScoped
public class FeedbackService {
    private final Outbox outbox;
    private final Locks locks;

    public FeedbackService(Outbox outbox, Locks locks) {
        this.outbox = outbox;
        this.locks = locks;
    }

    @Transactional
    public TurnFeedbackEntry rate(String userId, String brand, UUID turnId, TurnFeedback.Rating rating,
                                  String reason) {
        locks.lockUser(userId);
        Turn turn = Turn.find("id = ?1 and userId = ?2 and conversationId in "
                + "(select c.id from Conversation c where c.brand = ?3)", turnId, userId, brand).firstResult();
        if (turn == null) {
            throw ProblemException.notFound("turn", turnId.toString());
        }
        Conversation conversation = Conversation.findById(turn.conversationId);
        Instant now = Instant.now();
        TurnFeedbackEntry entry = TurnFeedbackEntry.find("turnId = ?1 and userId = ?2", turnId, userId).firstResult();
        if (entry == null) {
            entry = new TurnFeedbackEntry();
            entry.id = UUID.randomUUID();
            entry.turnId = turnId;
            entry.userId = userId;
        }
        entry.rating = rating == TurnFeedback.Rating.UP ? "up" : "down";
        entry.reason = reason;
        entry.createdAt = now;
        entry.persist();
        // Every rating is an event of its own, also when it replaces an earlier one.
        String feedbackId = UUID.randomUUID().toString();
        TurnFeedback event = new TurnFeedback(feedbackId, turnId.toString(), turn.conversationId.toString(),
                userId, conversation.brand, rating, reason, now);
        outbox.add(EventEnvelope.forUser(userId, feedbackId, CloudEventHeaders.sourceOf(TurnService.SERVICE), now,
                event));
        return entry;
    }
}
