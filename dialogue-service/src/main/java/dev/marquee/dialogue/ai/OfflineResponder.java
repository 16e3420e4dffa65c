package dev.marquee.dialogue.ai;

import dev.marquee.dialogue.Turn;
import dev.marquee.dialogue.catalog.Catalog;
import dev.marquee.dialogue.catalog.CatalogClient;
import dev.marquee.dialogue.catalog.CatalogIndex;
import dev.marquee.dialogue.catalog.CatalogTitle;
import dev.marquee.dialogue.config.DialogueConfig;
import dev.marquee.dialogue.persona.Persona;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers without a language model: detects the intent with the embedding classifier, finds titles in the
 * catalog index or asks recommendation-service, and speaks through the persona's templates. Every title it
 * names comes from the catalog. Labelled {@value #NAME} in every reply's metadata; it does not pretend to be
 * an LLM.
 */
@ApplicationScoped
public class OfflineResponder {
    public static final String NAME = "offline-catalog-responder";

    /** Everyday words for catalog genres, checked in this order (word stems: "laugh" also finds "laughs"). */
    static final Map<Pattern, String> GENRE_SYNONYMS = synonyms(
            Map.entry("funny", "comedy"),
            Map.entry("laugh", "comedy"),
            Map.entry("rom com", "romance"),
            Map.entry("romcom", "romance"),
            Map.entry("scary", "horror"),
            Map.entry("spooky", "horror"),
            Map.entry("space", "space opera"),
            Map.entry("cartoon", "animation"),
            Map.entry("animated", "animation"),
            Map.entry("docs", "documentary"),
            Map.entry("docu", "documentary"),
            Map.entry("romantic", "romance"),
            Map.entry("thrilling", "thriller"),
            Map.entry("detective", "crime"),
            Map.entry("whodunnit", "mystery"),
            Map.entry("cowboy", "western"),
            Map.entry("kids", "family"),
            Map.entry("magic", "fantasy"),
            Map.entry("sci fi", "sci-fi"),
            Map.entry("scifi", "sci-fi"),
            Map.entry("science fiction", "sci-fi"),
            Map.entry("role playing", "rpg"),
            Map.entry("role-playing", "rpg"),
            Map.entry("football", "sports"),
            Map.entry("concert", "music"));
    /** Words that say what kind of title the user is after, most specific first. */
    static final List<Map.Entry<Pattern, List<String>>> KIND_HINTS = List.of(
            Map.entry(Pattern.compile("\\b(games?|gaming|play)\\b"), List.of("game")),
            Map.entry(Pattern.compile("\\b(episodes?)\\b"), List.of("episode")),
            Map.entry(Pattern.compile("\\b(movies?|films?|flicks?)\\b"), List.of("movie")),
            Map.entry(Pattern.compile("\\b(series|tv|(a|some|tv|the) shows?|binge)\\b"), List.of("series")),
            Map.entry(Pattern.compile("\\b(live|concerts?|matche?s?|events?|gala)\\b"), List.of("live_event")),
            Map.entry(Pattern.compile("\\b(watch|see)\\b"), List.of("movie", "series", "live_event")));
    /** "tell me about X" with X capitalised like a name: a question about a title, known or not. */
    private static final Pattern ABOUT_A_NAME = Pattern.compile(
            "^(?i:tell me (?:more )?about|what is|what's|whats|info on|details (?:on|about|for)|describe)\\s+(?:the\\s+)?\\p{Lu}");
    /** Asking about something shown before: "tell me more about the second one". */
    private static final Pattern FOLLOW_UP = Pattern.compile("\\b(tell me|more about|what about|what's|what is|"
            + "details|info|describe|about)\\b");
    private static final Pattern ORDINAL = Pattern.compile(
            "\\b(first|1st|second|2nd|third|3rd|last|#[1-9]|number [1-9])\\b(?: one)?");
    private static final Pattern REFERENCE = Pattern.compile("\\b(it|that( one)?|this one|the one|those|them)\\b");
    private static final Pattern NEGATIVE = Pattern.compile("\\b(no|nope|not|bad|terrible|awful|rubbish|boring|"
            + "hate|meh|wrong|worse|worst|useless|seen (it|them|those)|already (watched|seen|played)|too|ugh|"
            + "missed|dislike|don't like)\\b|👎");
    private static final Pattern FILLER = Pattern.compile("\\b(show me|find me|give me|get me|i want|i'd like|"
            + "i would like|i'm looking for|im looking for|looking for|can you|could you|please|pls|some|something|"
            + "anything|any|a|an|the|to watch|to play|recommend|suggest|what about|how about|got|have you got|"
            + "do you have|are there|is there|with|in it|starring|featuring|for me|me)\\b");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final IntentClassifier classifier;
    private final CatalogIndex index;
    private final Catalog catalog;
    private final DialogueConfig config;
    private volatile StatedPreference.Vocabulary vocabulary = StatedPreference.Vocabulary.of(List.of());

    public OfflineResponder(IntentClassifier classifier, CatalogIndex index, Catalog catalog,
                            DialogueConfig config) {
        this.classifier = classifier;
        this.index = index;
        this.catalog = catalog;
        this.config = config;
    }

    /**
     * What the message is about: its intent, the catalog words in it and the tastes it states. {@code genre} is
     * the genre to look for, never one the message says the user dislikes.
     */
    public record Understanding(Intent intent, double confidence, List<CatalogTitle> titles, String actor,
                                String genre, List<String> kinds, String query, List<StatedPreference> preferences) {

        /** Genres the message says the user dislikes. */
        public List<String> dislikedGenres() {
            return preferences.stream().filter(p -> p.sentiment() == StatedPreference.Sentiment.DISLIKE)
                    .flatMap(p -> p.genres().stream()).toList();
        }

        /** Whether a title has none of the disliked genres. */
        boolean notDisliked(CatalogTitle title) {
            List<String> disliked = dislikedGenres();
            return disliked.isEmpty() || title.genres() == null
                    || title.genres().stream().noneMatch(disliked::contains);
        }

        /** Whether the message states dislikes and nothing liked ("no horror please"). */
        boolean onlyDislikes() {
            return !preferences.isEmpty()
                    && preferences.stream().allMatch(p -> p.sentiment() == StatedPreference.Sentiment.DISLIKE);
        }
    }

    public Understanding understand(String message, Persona persona) {
        String masked = index.mask(message, IntentClassifier.TITLE_MASK, IntentClassifier.ACTOR_MASK);
        IntentClassifier.Classification c = classifier.classify(masked);
        String text = CatalogIndex.normalise(message);
        List<CatalogTitle> titles = index.titlesNamedIn(message);
        String actor = index.actorNamedIn(message).orElse(null);
        String genre = genre(text).orElse(null);
        List<String> kinds = kinds(masked, persona);
        Intent intent = c.intent();
        if (intent == Intent.SEARCH && genre == null && actor == null && titles.size() == 1) {
            intent = Intent.RECOMMEND;
        }
        if (titles.isEmpty() && ORDINAL.matcher(text).find() && FOLLOW_UP.matcher(text).find()) {
            intent = Intent.TITLE_DETAILS;
        }
        if ((intent == Intent.SEARCH || intent == Intent.OUT_OF_SCOPE) && genre == null
                && ABOUT_A_NAME.matcher(message.strip()).find()) {
            intent = Intent.TITLE_DETAILS;
        }
        List<StatedPreference> stated = StatedPreference.in(masked, intent, vocabulary());
        return new Understanding(intent, c.confidence(), titles, actor, wanted(genre, stated), kinds, query(masked),
                stated);
    }

    /**
     * The tastes a message states (see {@link StatedPreference}), for a responder that did not understand it
     * here: only titles and cast are masked, the intent is the one already detected.
     */
    public List<StatedPreference> statedIn(String message, Intent intent) {
        return StatedPreference.in(index.mask(message, IntentClassifier.TITLE_MASK, IntentClassifier.ACTOR_MASK),
                intent, vocabulary());
    }

    /** The genre to look for: not one the user says they dislike; then rather the first one they like. */
    private static String wanted(String genre, List<StatedPreference> stated) {
        if (genre == null || stated.stream().noneMatch(p -> p.sentiment() == StatedPreference.Sentiment.DISLIKE
                && p.names(genre))) {
            return genre;
        }
        return stated.stream().filter(p -> p.sentiment() == StatedPreference.Sentiment.LIKE)
                .flatMap(p -> p.genres().stream()).findFirst().orElse(null);
    }

    /** The rules' vocabulary for the catalog's current genres, rebuilt when they change. */
    private StatedPreference.Vocabulary vocabulary() {
        StatedPreference.Vocabulary current = vocabulary;
        List<String> genres = index.genres();
        if (!current.genres().equals(genres)) {
            current = StatedPreference.Vocabulary.of(genres);
            vocabulary = current;
        }
        return current;
    }

    public Answer answer(String message, TurnContext ctx) {
        return answer(message, ctx, understand(message, ctx.persona()));
    }

    /** Answers a message already understood (a model responder that hands over understood it first). */
    public Answer answer(String message, TurnContext ctx, Understanding u) {
        Persona persona = ctx.persona();
        try {
            return switch (u.intent()) {
                case GREETING -> text(persona, u.intent(), persona.greeting(), false);
                case HELP -> text(persona, u.intent(), persona.say("help"), false);
                case SMALL_TALK -> text(persona, u.intent(), persona.say("smallTalk"), false);
                case OUT_OF_SCOPE -> text(persona, u.intent(), persona.say("outOfScope"), true);
                case FEEDBACK -> text(persona, u.intent(), NEGATIVE.matcher(CatalogIndex.normalise(message)).find()
                        ? persona.say("feedbackNegative") : persona.say("feedbackPositive"), false);
                case TALK_TO_HUMAN -> new Answer(new Reply(persona.say("handoff"), List.of(), List.of()),
                        u.intent(), NAME, null, false, true);
                case RECOMMEND -> recommend(ctx, u);
                case SEARCH -> search(ctx, u);
                case TITLE_DETAILS -> details(ctx, u, message);
                case WHERE_WAS_I -> whereWasI(ctx, u);
            };
        } catch (Catalog.CatalogUnavailableException e) {
            return text(persona, u.intent(), persona.say("catalogUnavailable"), true);
        }
    }

    private Answer recommend(TurnContext ctx, Understanding u) {
        Persona persona = ctx.persona();
        int k = fetch(u);
        if (u.titles().size() == 1 && u.genre() == null) {
            CatalogTitle anchor = u.titles().getFirst();
            List<CatalogIndex.Match> similar = index.similarTo(anchor, audience(ctx, u), k);
            String reason = "Similar to " + anchor.name();
            return cards(ctx, u.intent(), persona.say("similar", Map.of("title", anchor.name())), similar.stream()
                    .filter(m -> u.notDisliked(m.title())).map(m -> card(m.title(), reason)).toList(), null);
        }
        List<String> disliked = u.dislikedGenres();
        CatalogClient.RecommendationList list = Catalog.guarded(() -> catalog.recommend(ctx.bearer(), k, u.genre(),
                audience(ctx, u).kinds(), audience(ctx, u)));
        List<Reply.Card> cards = list.items().stream()
                .filter(item -> item.genres() == null || item.genres().stream().noneMatch(disliked::contains))
                .map(item -> index.get(item.titleId()).map(t -> card(t, item.reason()))
                        .orElseGet(() -> new Reply.Card(item.titleId(), item.name(), item.kind(), item.year(),
                                item.ageRating(), image(item.titleId()), item.reason())))
                .toList();
        String intro = u.genre() == null ? persona.say("recommend") : persona.say("genre", Map.of("genre", u.genre()));
        return cards(ctx, u.intent(), intro, cards, list.recommendationId());
    }

    private Answer search(TurnContext ctx, Understanding u) {
        Persona persona = ctx.persona();
        if (u.actor() != null) {
            String actor = u.actor();
            List<CatalogIndex.Match> found = index.where(t -> t.cast() != null && t.cast().contains(actor)
                    && u.notDisliked(t), u.query(), audience(ctx, u), config.maxCards());
            return cards(ctx, u.intent(), persona.say("actor", Map.of("actor", actor)),
                    found.stream().map(m -> card(m.title(), "With " + actor)).toList(), null);
        }
        if (u.genre() != null || u.onlyDislikes()) {
            // "no horror please" is no search for horror: recommendations without it
            return recommend(ctx, u);
        }
        List<CatalogIndex.Match> found = index.search(u.query(), audience(ctx, u), fetch(u));
        return cards(ctx, u.intent(), persona.say("search", Map.of("query", u.query())),
                found.stream().filter(m -> u.notDisliked(m.title()))
                        .map(m -> card(m.title(), "Matches \"" + u.query() + "\"")).toList(), null);
    }

    /** How many titles to look for: with disliked genres twice the cards, so that enough are left without them. */
    private int fetch(Understanding u) {
        return u.dislikedGenres().isEmpty() ? config.maxCards() : 2 * config.maxCards();
    }

    private Answer details(TurnContext ctx, Understanding u, String message) {
        Persona persona = ctx.persona();
        Optional<CatalogTitle> title = u.titles().isEmpty() ? referenced(ctx, message) : Optional.of(u.titles().getFirst());
        if (title.isEmpty()) {
            return text(persona, u.intent(), persona.say("detailsNotFound", Map.of("query", u.query())), true);
        }
        CatalogTitle t = title.get();
        String runtime = t.runtimeMinutes() == null ? "ongoing"
                : "game".equals(t.kind()) ? "about " + t.runtimeMinutes() / 60 + " hours of play"
                : t.runtimeMinutes() + " min";
        String text = persona.say("details", Map.of("title", t.name(), "year", t.year(),
                "kind", t.kind().replace('_', ' '), "synopsis", t.synopsis(), "runtime", runtime,
                "ageRating", t.ageRating(), "cast", t.cast() == null || t.cast().isEmpty() ? "an ensemble cast"
                        : String.join(", ", t.cast())));
        List<String> quick = List.of("More like " + t.name(), "Recommend something else");
        return new Answer(new Reply(text, List.of(card(t, "You asked about it")), quick, actions(List.of(card(t, "")))),
                u.intent(), NAME, null, false, false);
    }

    /** "the second one", "that one": a title of the last reply that showed cards. */
    private Optional<CatalogTitle> referenced(TurnContext ctx, String message) {
        String text = CatalogIndex.normalise(message);
        Optional<Turn> last = ctx.earlierTurns().reversed().stream()
                .filter(t -> t.titleIds != null && !t.titleIds.isEmpty()).findFirst();
        if (last.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = last.get().titleIds;
        Matcher ordinal = ORDINAL.matcher(text);
        int position = -1;
        if (ordinal.find()) {
            String o = ordinal.group(1);
            position = switch (o) {
                case "first", "1st" -> 0;
                case "second", "2nd" -> 1;
                case "third", "3rd" -> 2;
                case "last" -> ids.size() - 1;
                default -> Integer.parseInt(o.replaceAll("\\D", "")) - 1;
            };
        } else if (REFERENCE.matcher(text).find()) {
            position = 0;
        }
        if (position < 0 || position >= ids.size()) {
            return Optional.empty();
        }
        return index.get(ids.get(position));
    }

    private Answer whereWasI(TurnContext ctx, Understanding u) {
        Persona persona = ctx.persona();
        Optional<Turn> inThisConversation = ctx.earlierTurns().reversed().stream()
                .filter(t -> t.titleIds != null && !t.titleIds.isEmpty()).findFirst();
        Optional<Turn> earlier = inThisConversation;
        if (earlier.isEmpty() && ctx.personalization()) {
            earlier = Turn.latestWithCards(ctx.userId());
        }
        if (earlier.isPresent()) {
            Turn turn = earlier.get();
            List<Reply.Card> cards = turn.titleIds.stream().map(index::get).flatMap(Optional::stream)
                    .map(t -> card(t, "From our earlier chat")).toList();
            String when = inThisConversation.isPresent() ? "earlier in this chat" : "on " + WHEN.format(turn.createdAt);
            return cards(ctx, u.intent(), persona.say("whereWasI", Map.of("when", when)), cards, null);
        }
        if (!ctx.personalization()) {
            return text(persona, u.intent(), persona.say("historyOff"), false);
        }
        List<CatalogClient.Activity> activity = Catalog.guarded(() -> catalog.activity(ctx.bearer(),
                config.maxCards()));
        List<Reply.Card> cards = activity.stream().map(a -> index.get(a.titleId())).flatMap(Optional::stream)
                .distinct().map(t -> card(t, "You were into this recently")).toList();
        if (cards.isEmpty()) {
            return text(persona, u.intent(), persona.say("nothingEarlier"), false);
        }
        return cards(ctx, u.intent(), persona.say("whereWasI", Map.of("when", "recently")), cards, null);
    }

    private Answer cards(TurnContext ctx, Intent intent, String intro, List<Reply.Card> cards,
                         String recommendationId) {
        Persona persona = ctx.persona();
        if (cards.isEmpty()) {
            return text(persona, intent, persona.say("noResults"), true);
        }
        List<Reply.Card> shown = cards.stream().limit(config.maxCards()).toList();
        return new Answer(new Reply(intro, shown, persona.quickReplies(), actions(shown)), intent, NAME,
                recommendationId, false, false);
    }

    private Answer text(Persona persona, Intent intent, String text, boolean fallback) {
        return new Answer(new Reply(text, List.of(), persona.quickReplies()), intent, NAME, null, fallback, false);
    }

    /** What may be shown: the persona's kinds narrowed to what the user asked for. */
    private static dev.marquee.dialogue.catalog.Audience audience(TurnContext ctx, Understanding u) {
        return new dev.marquee.dialogue.catalog.Audience(u.kinds(), ctx.audience().maxAgeRating(),
                ctx.audience().region());
    }

    public Reply.Card card(CatalogTitle t, String reason) {
        return new Reply.Card(t.id(), t.name(), t.kind(), t.year(), t.ageRating(), image(t.id()), reason);
    }

    private String image(String titleId) {
        return config.cardImageUrl().replace("{titleId}", titleId);
    }

    /** A play or open action for each card. */
    public static List<Reply.Action> actions(List<Reply.Card> cards) {
        List<Reply.Action> actions = new ArrayList<>();
        for (Reply.Card c : cards) {
            switch (c.kind()) {
                case "series" -> actions.add(new Reply.Action("open_title", "Open " + c.name(), c.titleId()));
                case "game" -> actions.add(new Reply.Action("play", "Play " + c.name(), c.titleId()));
                default -> actions.add(new Reply.Action("play", "Watch " + c.name(), c.titleId()));
            }
        }
        return actions;
    }

    /** A catalog genre the text names, or one a synonym implies (funny: comedy), in the order declared. */
    private Optional<String> genre(String text) {
        Optional<String> named = index.genreNamedIn(text);
        if (named.isPresent()) {
            return named;
        }
        return GENRE_SYNONYMS.entrySet().stream()
                .filter(e -> e.getKey().matcher(text).find())
                .map(Map.Entry::getValue)
                .filter(index.genres()::contains)
                .findFirst();
    }

    @SafeVarargs
    private static Map<Pattern, String> synonyms(Map.Entry<String, String>... entries) {
        Map<Pattern, String> synonyms = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries) {
            synonyms.put(Pattern.compile("\\b" + Pattern.quote(e.getKey()) + "\\w*\\b"), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(synonyms);
    }

    /** Kinds the user hints at, within what the persona presents; all of those when there is no hint. */
    private static List<String> kinds(String text, Persona persona) {
        List<String> allowed = persona.allowedTopics().stream().filter(k -> !"episode".equals(k)).toList();
        return KIND_HINTS.stream()
                .filter(hint -> hint.getKey().matcher(text).find())
                .map(hint -> hint.getValue().stream().filter(persona.allowedTopics()::contains).toList())
                .filter(k -> !k.isEmpty())
                .findFirst()
                .orElse(allowed.isEmpty() ? persona.allowedTopics() : allowed);
    }

    private static final Pattern NOT_QUERY_CHARACTERS = Pattern.compile("[^\\p{L}\\p{N}' -]");
    private static final Pattern MASKS = Pattern.compile("\\b(" + IntentClassifier.TITLE_MASK + "|"
            + IntentClassifier.ACTOR_MASK + ")\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** The words of a request that describe what is wanted. */
    private static String query(String masked) {
        String q = NOT_QUERY_CHARACTERS.matcher(masked.toLowerCase(Locale.ROOT)).replaceAll(" ");
        q = SPACES.matcher(MASKS.matcher(FILLER.matcher(q).replaceAll(" ")).replaceAll(" ")).replaceAll(" ").strip();
        if (q.isEmpty()) {
            q = masked.strip();
        }
        return q.length() > 60 ? q.substring(0, 60).strip() : q;
    }
}
