package dev.marquee.dialogue.service;

import dev.marquee.dialogue.ai.Embeddings;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.dialogue.Conversation;
import dev.marquee.dialogue.Turn;
import dev.marquee.dialogue.ai.Answer;
import dev.marquee.dialogue.ai.Intent;
import dev.marquee.dialogue.ai.OfflineResponder;
import dev.marquee.dialogue.ai.Reply;
import dev.marquee.dialogue.ai.StatedPreference;
import dev.marquee.dialogue.ai.TurnContext;
import dev.marquee.dialogue.catalog.Audience;
import dev.marquee.outbox.ConsentView;
import dev.marquee.dialogue.guardrails.Guardrail;
import dev.marquee.dialogue.guardrails.InputGuardrails;
import dev.marquee.dialogue.guardrails.OutputGuardrails;
import dev.marquee.dialogue.llm.ModelCatalog;
import dev.marquee.dialogue.privacy.Redactors;
import dev.marquee.dialogue.memory.ConversationMemory;
import dev.marquee.dialogue.persona.Persona;
import dev.marquee.dialogue.persona.Personas;
import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.HandoffRequested;
import dev.marquee.events.PreferenceStated;
import dev.marquee.events.TurnCompleted;
import dev.marquee.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs a conversation turn: builds what the responder may know (persona, audience, consent, earlier turns),
 * checks the message with the input guardrails, lets the persona's responder answer (outside any transaction,
 * since that calls other services or a model), checks the answer with the output guardrails, then stores the
 * turn, the chat memory and its events in one transaction.
 */
@ApplicationScoped
public class TurnService {
    public static final String SERVICE = "dialogue-service";
    private static final int CONTEXT_TURNS = 6;

    private final Personas personas;
    private final OfflineResponder offline;
    private final ModelCatalog models;
    private final InputGuardrails inputGuardrails;
    private final OutputGuardrails outputGuardrails;
    private final ConsentView consent;
    private final ConversationMemory memory;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final Embeddings embeddings;
    private final Redactors redactors;

    public TurnService(Personas personas, OfflineResponder offline, ModelCatalog models,
                       InputGuardrails inputGuardrails, OutputGuardrails outputGuardrails, ConsentView consent,
                       ConversationMemory memory, Outbox outbox, MeterRegistry registry, Embeddings embeddings,
                       Redactors redactors) {
        this.embeddings = embeddings;
        this.redactors = redactors;
        this.personas = personas;
        this.offline = offline;
        this.models = models;
        this.inputGuardrails = inputGuardrails;
        this.outputGuardrails = outputGuardrails;
        this.consent = consent;
        this.memory = memory;
        this.outbox = outbox;
        this.registry = registry;
    }

    /** Who is speaking: the verified token's facts. */
    public record Speaker(String userId, String brand, String bearer, int maturityRating, String region) {
    }

    /** The stored turn with its conversation and the persona that spoke. */
    public record Result(Turn turn, Conversation conversation, Persona persona, Answer answer) {
    }

    /** Answers a message; 404 for a conversation the user does not own. */
    public Result handle(Speaker speaker, UUID conversationId, String message, String channel) {
        return handle(speaker, conversationId, message, channel, null);
    }

    /**
     * Answers a message, passing the reply's text to {@code tokens} as it is produced. The final reply in the
     * result is authoritative: an output guardrail may have replaced what was streamed.
     *
     * @param tokens receives the reply's text as it is produced; null when the caller does not stream
     */
    public Result handle(Speaker speaker, UUID conversationId, String message, String channel,
                         Consumer<String> tokens) {
        // The guardrails, the intent classifier and the search each embed the message: once is enough.
        try (Embeddings.Scope turn = embeddings.turn()) {
            return handleTurn(speaker, conversationId, message, channel, tokens);
        }
    }

    private Result handleTurn(Speaker speaker, UUID conversationId, String message, String channel,
                              Consumer<String> tokens) {
        long started = System.nanoTime();
        TurnContext ctx = context(speaker, conversationId);
        Answer answer;
        List<StatedPreference> stated = List.of();
        Optional<Guardrail> blocked = ctx.handedOff() ? Optional.empty() : inputGuardrails.check(message);
        if (ctx.handedOff()) {
            answer = new Answer(new Reply(ctx.persona().say("handoffPending"), List.of(), List.of()),
                    Intent.TALK_TO_HUMAN, OfflineResponder.NAME, null, false, false);
        } else if (blocked.isPresent()) {
            Guardrail g = blocked.get();
            List<Reply.Action> actions = g == Guardrail.ABUSIVE_CONTENT
                    ? List.of(new Reply.Action("talk_to_human", "Talk to our team", null)) : List.of();
            answer = new Answer(new Reply(ctx.persona().say(g.template()), List.of(), ctx.persona().quickReplies(),
                    actions), Intent.OUT_OF_SCOPE, OfflineResponder.NAME, null, true, false, List.of(g), null, null);
        } else if (ctx.persona().offline()) {
            OfflineResponder.Understanding understood = offline.understand(message, ctx.persona());
            stated = understood.preferences();
            answer = offline.answer(message, ctx, understood);
        } else {
            answer = models.responder(ctx.persona().model()).answer(message, ctx, tokens);
            stated = ctx.personalization() ? offline.statedIn(message, answer.intent()) : List.of();
        }
        // A model streamed its own tokens and wrote its own memory; every other answer is written here.
        boolean byModel = !OfflineResponder.NAME.equals(answer.responder());
        Answer checked = outputGuardrails.check(answer, ctx.persona(), ctx.audience());
        if (tokens != null && !byModel) {
            streamWords(checked.reply().text(), tokens);
        }
        checked.guardrails().forEach(g -> registry.counter("marquee.dialogue.guardrails", "guardrail", g.wireName())
                .increment());
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        return store(speaker, ctx, message, channel, checked, latencyMs, !byModel, stated);
    }

    private TurnContext context(Speaker speaker, UUID conversationId) {
        Persona persona;
        List<Turn> earlier = List.of();
        UUID id = conversationId;
        boolean handedOff = false;
        if (conversationId == null) {
            persona = personas.forBrand(speaker.brand());
            id = UUID.randomUUID();
        } else {
            Conversation existing = Conversation.findOwned(conversationId, speaker.userId(), speaker.brand());
            if (existing == null) {
                throw ProblemException.notFound("conversation", conversationId.toString());
            }
            persona = personas.get(existing.persona);
            handedOff = Conversation.HANDOFF.equals(existing.state);
            earlier = Turn.<Turn>find("conversationId", Sort.descending("seq"), conversationId)
                    .page(0, CONTEXT_TURNS).list().reversed();
        }
        Audience audience = new Audience(persona.allowedTopics(),
                Math.min(persona.ageRatingCap(), speaker.maturityRating()), speaker.region());
        return new TurnContext(speaker.userId(), speaker.brand(), speaker.bearer(), persona, audience,
                consent.personalization(speaker.userId(), speaker.brand()), id, handedOff, earlier);
    }

    /** The offline path's text, word by word, for clients that stream. */
    private static void streamWords(String text, Consumer<String> tokens) {
        int from = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                tokens.accept(text.substring(from, i));
                from = i;
            }
        }
    }

    @Transactional
    Result store(Speaker speaker, TurnContext ctx, String message, String channel, Answer answer, long latencyMs,
                 boolean writeMemory, List<StatedPreference> stated) {
        Instant now = Instant.now();
        Persona persona = ctx.persona();
        Conversation conversation = Conversation.findById(ctx.conversationId(), LockModeType.PESSIMISTIC_WRITE);
        if (conversation == null) {
            conversation = new Conversation();
            conversation.id = ctx.conversationId();
            conversation.userId = speaker.userId();
            conversation.brand = speaker.brand();
            conversation.persona = persona.id();
            conversation.channel = channel;
            conversation.state = Conversation.ACTIVE;
            conversation.createdAt = now;
            conversation.updatedAt = now;
            conversation.persist();
        }
        boolean handingOff = answer.handoff() && !Conversation.HANDOFF.equals(conversation.state);
        if (answer.handoff()) {
            conversation.state = Conversation.HANDOFF;
        }
        conversation.updatedAt = now;

        Turn turn = new Turn();
        turn.id = UUID.randomUUID();
        turn.conversationId = conversation.id;
        turn.userId = speaker.userId();
        turn.seq = ++conversation.turns;
        turn.userText = message;
        turn.replyText = answer.reply().text();
        turn.reply = answer.reply();
        turn.intent = answer.intent().wireName();
        turn.responder = answer.responder();
        turn.titleIds = answer.titleIds();
        turn.guardrails = answer.guardrails().stream().map(Guardrail::wireName).toList();
        turn.tokensIn = answer.tokensIn();
        turn.tokensOut = answer.tokensOut();
        turn.latencyMs = latencyMs;
        turn.createdAt = now;
        turn.persist();

        if (writeMemory) {
            // One read and one write of the stored window for the exchange (add() would do both per message).
            ChatMemory chat = memory.get(ctx.memoryId());
            List<ChatMessage> messages = new ArrayList<>(chat.messages());
            messages.add(UserMessage.from(message));
            messages.add(AiMessage.from(answer.reply().text()));
            chat.set(messages);
        }

        String source = CloudEventHeaders.sourceOf(SERVICE);
        TurnCompleted event = new TurnCompleted(turn.id.toString(), conversation.id.toString(), speaker.userId(),
                speaker.brand(), persona.ref(), conversation.channel, turn.intent, turn.responder, turn.titleIds,
                turn.guardrails, answer.handoff(), answer.fallback(), latencyMs, answer.tokensIn(), answer.tokensOut(),
                now);
        outbox.add(EventEnvelope.forUser(speaker.userId(), turn.id.toString(), source, now, event));
        if (handingOff) {
            String handoffId = UUID.randomUUID().toString();
            outbox.add(EventEnvelope.forUser(speaker.userId(), handoffId, source, now, new HandoffRequested(handoffId,
                    conversation.id.toString(), turn.id.toString(), speaker.userId(), speaker.brand(), persona.ref(),
                    conversation.channel, "user_request", now, redactors.current().redact(message).text())));
        }
        // Tastes only with consent to personalization, and only in vocabulary: never the message itself.
        if (ctx.personalization()) {
            for (StatedPreference p : stated) {
                String preferenceId = UUID.randomUUID().toString();
                outbox.add(EventEnvelope.forUser(speaker.userId(), preferenceId, source, now, new PreferenceStated(
                        preferenceId, speaker.userId(), speaker.brand(), conversation.id.toString(),
                        turn.id.toString(), p.sentiment() == StatedPreference.Sentiment.LIKE
                                ? PreferenceStated.Sentiment.LIKE : PreferenceStated.Sentiment.DISLIKE,
                        p.genres(), p.phrases(), p.kinds(), now)));
            }
        }
        return new Result(turn, conversation, persona, answer);
    }
}
