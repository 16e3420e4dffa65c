package dev.marquee.dialogue.guardrails;

import dev.marquee.dialogue.ai.Answer;
import dev.marquee.dialogue.ai.OfflineResponder;
import dev.marquee.dialogue.ai.Reply;
import dev.marquee.dialogue.catalog.Audience;
import dev.marquee.dialogue.catalog.CatalogIndex;
import dev.marquee.dialogue.catalog.CatalogTitle;
import dev.marquee.dialogue.persona.Persona;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a reply before the user sees it, whoever produced it: every card and every title named in the text
 * must be in the catalog, within the age rating allowed for this user and persona, available in the user's
 * region and of a kind the persona presents; the text must not say a term the persona must not say. Cards that
 * fail are removed; a text that fails is replaced by the persona's polite answer, keeping the cards that passed.
 */
@ApplicationScoped
public class OutputGuardrails {
    /** A name the text presents as a title: in double or curly quotes, or in bold. */
    private static final Pattern PRESENTED_TITLE = Pattern.compile("\"([^\"]{2,80})\"|“([^”]{2,80})”|\\*\\*([^*]{2,80})\\*\\*");

    private final CatalogIndex index;

    public OutputGuardrails(CatalogIndex index) {
        this.index = index;
    }

    public Answer check(Answer answer, Persona persona, Audience audience) {
        Instant now = Instant.now();
        Set<Guardrail> triggered = new LinkedHashSet<>();
        List<Reply.Card> cards = new ArrayList<>();
        for (Reply.Card card : answer.reply().cards()) {
            Optional<Guardrail> problem = index.get(card.titleId())
                    .map(t -> problem(t, persona, audience, now))
                    .orElse(Optional.of(Guardrail.UNGROUNDED_TITLE));
            problem.ifPresentOrElse(triggered::add, () -> cards.add(card));
        }
        boolean textFails = false;
        String text = answer.reply().text();
        for (CatalogTitle named : index.titlesNamedIn(text)) {
            Optional<Guardrail> problem = problem(named, persona, audience, now);
            if (problem.isPresent()) {
                triggered.add(problem.get());
                textFails = true;
            }
        }
        // Curated templates quote examples; only a model's text is searched for names it may have invented.
        Matcher presented = PRESENTED_TITLE.matcher(OfflineResponder.NAME.equals(answer.responder()) ? "" : text);
        while (presented.find()) {
            String name = presented.group(1) != null ? presented.group(1)
                    : presented.group(2) != null ? presented.group(2) : presented.group(3);
            if (index.titlesNamedIn(name).isEmpty() && looksLikeATitle(name)) {
                triggered.add(Guardrail.UNGROUNDED_TITLE);
                textFails = true;
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String term : persona.blockedTerms()) {
            if (Pattern.compile("(?<![\\p{L}])" + Pattern.quote(term.toLowerCase(Locale.ROOT)) + "(?![\\p{L}])")
                    .matcher(lower).find()) {
                triggered.add(Guardrail.PERSONA_SCOPE);
                textFails = true;
            }
        }
        if (triggered.isEmpty()) {
            return answer;
        }
        Reply reply = answer.reply().withCards(List.copyOf(cards));
        if (textFails || cards.isEmpty() && !answer.reply().cards().isEmpty()) {
            reply = reply.withText(persona.say("guardrailOutput"));
        }
        List<Reply.Action> actions = reply.actions().stream()
                .filter(a -> a.titleId() == null || cards.stream().anyMatch(c -> c.titleId().equals(a.titleId())))
                .toList();
        reply = new Reply(reply.text(), reply.cards(), reply.quickReplies(), actions);
        return answer.guarded(reply, List.copyOf(triggered), answer.fallback() || cards.isEmpty() && textFails);
    }

    private static Optional<Guardrail> problem(CatalogTitle t, Persona persona, Audience audience, Instant now) {
        if (!persona.allowedTopics().contains(t.kind())) {
            return Optional.of(Guardrail.PERSONA_SCOPE);
        }
        if (t.ageRating() > audience.maxAgeRating()) {
            return Optional.of(Guardrail.AGE_RATING);
        }
        if (!t.allowedFor(audience, now)) {
            return Optional.of(Guardrail.REGION);
        }
        return Optional.empty();
    }

    /** Quoted words that read like a title (capitalised words), not a quoted phrase of the user's. */
    private static boolean looksLikeATitle(String name) {
        String[] words = name.strip().split("\\s+");
        if (words.length > 8) {
            return false;
        }
        long capitalised = java.util.Arrays.stream(words).filter(w -> !w.isEmpty() && Character.isUpperCase(w.charAt(0)))
                .count();
        return capitalised >= Math.max(1, (words.length + 1) / 2);
    }
}
