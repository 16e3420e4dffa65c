package dev.marquee.dialogue.ai;

import dev.marquee.dialogue.catalog.Catalog;
import dev.marquee.dialogue.catalog.CatalogClient;
import dev.marquee.dialogue.config.DialogueConfig;
import dev.marquee.dialogue.persona.Persona;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Answers without a language model: detects the intent, asks the catalog, and speaks through the persona's
 * templates. Every title it names comes from recommendation-service, so replies are grounded in the catalog
 * by construction. Labelled {@value #NAME} in every reply's metadata; it does not pretend to be an LLM.
 */
@ApplicationScoped
public class OfflineResponder {
    public static final String NAME = "offline-catalog-responder";

    private final IntentDetector detector;
    private final Catalog catalog;
    private final DialogueConfig config;

    public OfflineResponder(IntentDetector detector, Catalog catalog, DialogueConfig config) {
        this.detector = detector;
        this.catalog = catalog;
        this.config = config;
    }

    public Answer answer(String message, Persona persona) {
        IntentDetector.Detected detected = detector.detect(message, catalog.genres());
        try {
            return switch (detected.intent()) {
                case GREETING -> text(persona, detected.intent(), persona.greeting(), false);
                case HELP -> text(persona, detected.intent(), persona.say("help"), false);
                case OUT_OF_SCOPE -> text(persona, detected.intent(), persona.say("outOfScope"), true);
                case TALK_TO_HUMAN -> new Answer(new Reply(persona.say("handoff"), List.of(), List.of()),
                        detected.intent(), NAME, null, false, true);
                case RECOMMEND, SEARCH_GENRE -> recommend(persona, detected);
                case TITLE_DETAILS -> details(persona, detected);
            };
        } catch (Catalog.CatalogUnavailableException e) {
            return text(persona, detected.intent(), persona.say("catalogUnavailable"), true);
        }
    }

    private Answer recommend(Persona persona, IntentDetector.Detected detected) {
        CatalogClient.RecommendationList list = catalog.recommend(config.maxCards(), detected.genre(),
                detected.kinds());
        if (list.items().isEmpty()) {
            return text(persona, detected.intent(), persona.say("noResults"), true);
        }
        List<Reply.Card> cards = list.items().stream()
                .map(t -> new Reply.Card(t.titleId(), t.name(), t.kind(), t.year(), t.reason()))
                .toList();
        String intro = detected.genre() == null ? persona.say("recommend")
                : persona.say("genre", Map.of("genre", detected.genre()));
        return new Answer(new Reply(intro, cards, persona.quickReplies()), detected.intent(), NAME,
                list.recommendationId(), false, false);
    }

    private Answer details(Persona persona, IntentDetector.Detected detected) {
        List<CatalogClient.CatalogTitle> found = catalog.search(detected.query(), 1);
        if (found.isEmpty()) {
            return text(persona, detected.intent(), persona.say("detailsNotFound", Map.of("query", detected.query())),
                    true);
        }
        CatalogClient.CatalogTitle title = found.getFirst();
        String text = persona.say("details", Map.of("name", title.name(), "year", title.year(),
                "kind", title.kind().replace('_', ' '), "synopsis", title.synopsis()));
        Reply.Card card = new Reply.Card(title.id(), title.name(), title.kind(), title.year(), "You asked about it");
        return new Answer(new Reply(text, List.of(card), persona.quickReplies()), detected.intent(), NAME, null,
                false, false);
    }

    private Answer text(Persona persona, Intent intent, String text, boolean fallback) {
        return new Answer(new Reply(text, List.of(), persona.quickReplies()), intent, NAME, null, fallback, false);
    }
}
