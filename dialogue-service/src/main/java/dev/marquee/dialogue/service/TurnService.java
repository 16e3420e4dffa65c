package dev.marquee.dialogue.service;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.dialogue.Conversation;
import dev.marquee.dialogue.Turn;
import dev.marquee.dialogue.ai.Answer;
import dev.marquee.dialogue.ai.OfflineResponder;
import dev.marquee.dialogue.persona.Persona;
import dev.marquee.dialogue.persona.Personas;
import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.TurnCompleted;
import dev.marquee.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Runs a conversation turn: answers the message (outside any transaction, since that may call other
 * services), then stores the turn and announces it as {@link TurnCompleted} in one transaction.
 */
@ApplicationScoped
public class TurnService {
    public static final String SERVICE = "dialogue-service";

    private final Personas personas;
    private final OfflineResponder responder;
    private final Outbox outbox;

    public TurnService(Personas personas, OfflineResponder responder, Outbox outbox) {
        this.personas = personas;
        this.responder = responder;
        this.outbox = outbox;
    }

    /** The stored turn with its conversation and the persona that spoke. */
    public record Result(Turn turn, Conversation conversation, Persona persona, Answer answer) {
    }

    public Result handle(String userId, String brand, UUID conversationId, String message, String channel) {
        long started = System.nanoTime();
        Persona persona;
        if (conversationId == null) {
            persona = personas.defaultPersona();
        } else {
            Conversation existing = Conversation.findOwned(conversationId, userId);
            if (existing == null) {
                throw ProblemException.notFound("conversation", conversationId.toString());
            }
            persona = personas.get(existing.persona);
        }
        Answer answer = responder.answer(message, persona);
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        return store(userId, brand, conversationId, message, channel, persona, answer, latencyMs);
    }

    @Transactional
    Result store(String userId, String brand, UUID conversationId, String message, String channel, Persona persona,
                 Answer answer, long latencyMs) {
        Instant now = Instant.now();
        Conversation conversation;
        if (conversationId == null) {
            conversation = new Conversation();
            conversation.id = UUID.randomUUID();
            conversation.userId = userId;
            conversation.brand = brand;
            conversation.persona = persona.id();
            conversation.channel = channel;
            conversation.state = Conversation.ACTIVE;
            conversation.createdAt = now;
            conversation.updatedAt = now;
            conversation.persist();
        } else {
            conversation = Conversation.findById(conversationId, LockModeType.PESSIMISTIC_WRITE);
        }
        if (answer.handoff()) {
            conversation.state = Conversation.HANDOFF;
        }
        conversation.updatedAt = now;

        Turn turn = new Turn();
        turn.id = UUID.randomUUID();
        turn.conversationId = conversation.id;
        turn.userId = userId;
        turn.seq = (int) Turn.count("conversationId", conversation.id) + 1;
        turn.userText = message;
        turn.replyText = answer.reply().text();
        turn.reply = answer.reply();
        turn.intent = answer.intent().wireName();
        turn.responder = answer.responder();
        turn.titleIds = answer.titleIds();
        turn.latencyMs = latencyMs;
        turn.createdAt = now;
        turn.persist();

        TurnCompleted event = new TurnCompleted(turn.id.toString(), conversation.id.toString(), userId, brand,
                persona.ref(), conversation.channel, turn.intent, turn.responder, turn.titleIds, List.of(),
                answer.handoff(), answer.fallback(), latencyMs, null, null, now);
        outbox.add(EventEnvelope.forUser(userId, turn.id.toString(), CloudEventHeaders.sourceOf(SERVICE), now, event));
        return new Result(turn, conversation, persona, answer);
    }
}
