package dev.marquee.dialogue.ai;

import dev.marquee.dialogue.catalog.CatalogIndex;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A taste a user stated in a message ("I love space operas", "no horror please"), in vocabulary only: catalog
 * genre names, taste phrases of a fixed list ({@link #PHRASES}) and kinds of title, never the user's own words.
 * What dialogue-service publishes as {@code PreferenceStated}, with the user's consent to personalization.
 * <p>
 * The rules of {@link #in}, on the message with catalog titles and cast masked (a title named "Dark Waters" is
 * not a taste for dark stories):
 * <ol>
 *   <li><b>Items</b> are catalog genres, singular or plural ("comedies") or by an everyday synonym ("scary" is
 *       horror), and the phrases of {@link #PHRASES} ("cosy" is cozy). Where two overlap the longer wins
 *       ("science fiction" is sci-fi, not science). No item, no preference.</li>
 *   <li><b>Clauses</b> end at punctuation and at "but", "though", "although", "however", "whereas".</li>
 *   <li><b>Negation</b>: within a clause, a negative cue makes the items after it disliked: "hate", "dislike",
 *       "can't stand", "no", "not", "never", "don't", "won't", "without", "except", "anything but", "rather
 *       than", "instead of", "sick of", "tired of", "not interested in"; a verb right after the negator belongs
 *       to it ("don't like", "not in the mood for", "not a big fan of"). A first-person like ("I love", "I'm
 *       into", "I'd like", "and love") makes the items after it liked again; "not my thing", "not for me" after
 *       items makes them disliked. "Not sure", "no idea", "don't mind" and the like are no negation.</li>
 *   <li><b>Which items count</b>: a recommendation or search request counts every item, liked unless negated
 *       (asking for horror is liking it). Any other intent counts only items a cue marks ("hi! I'm into sci-fi",
 *       "these are all horror, I said no horror"), and nothing of a question to the assistant ("do you like
 *       horror?").</li>
 *   <li><b>Kinds</b> are those the message names ("movies", "games", "series", "live events"), the same for
 *       every preference of the message; "something to watch" names none.</li>
 * </ol>
 * A message states at most one like and one dislike ("no horror, something funny": comedy liked, horror
 * disliked); each list holds at most {@value #MAX_ITEMS} items.
 *
 * @param sentiment whether the user likes or dislikes the items
 * @param genres    catalog genre names, in the order the message names them; may be empty
 * @param phrases   taste phrases of {@link #PHRASES}, in order; may be empty, but not together with genres
 * @param kinds     kinds of title the message names ({@code movie}, {@code series}, {@code episode}, {@code game},
 *                  {@code live_event}); empty when it names none
 */
public record StatedPreference(Sentiment sentiment, List<String> genres, List<String> phrases, List<String> kinds) {

    /** Most items of each list, as the event allows. */
    public static final int MAX_ITEMS = 10;

    /**
     * The fixed vocabulary of taste phrases (the demo catalog's tags that are not genres) and the words that
     * name each, checked in this order.
     */
    public static final Map<String, Pattern> PHRASES = phrases(
            Map.entry("cozy", "cozy|cosy|comfy|snug"),
            Map.entry("feel-good", "feel[- ]?good|uplifting|cheerful"),
            Map.entry("heartwarming", "heart[- ]?warming|wholesome"),
            Map.entry("relaxing", "relaxing|relaxed|chill|chilled|laid[- ]back"),
            Map.entry("calm", "calm|peaceful|soothing"),
            Map.entry("dark", "dark|bleak|grim"),
            Map.entry("gritty", "gritty"),
            Map.entry("tense", "tense|suspenseful|nail[- ]?biting|gripping"),
            Map.entry("mind-bending", "mind[- ]?bending|mind[- ]?blowing|trippy"),
            Map.entry("twisty", "twisty|plot[- ]twists?|twists?"),
            Map.entry("epic", "epic"),
            Map.entry("atmospheric", "atmospheric|moody"),
            Map.entry("slow-burn", "slow[- ]?burn(?:ing|er|ers)?"),
            Map.entry("fast-paced", "fast[- ]?paced|high[- ]?octane"),
            Map.entry("hopeful", "hopeful|optimistic"),
            Map.entry("whimsical", "whimsical|quirky"),
            Map.entry("witty", "witty|clever"),
            Map.entry("competitive", "competitive"),
            Map.entry("co-op", "co[- ]?op|cooperative"),
            Map.entry("open-world", "open[- ]world"),
            Map.entry("story-rich", "story[- ]?rich|story[- ]driven"),
            Map.entry("coming-of-age", "coming[- ]of[- ]age"),
            Map.entry("awe-inspiring", "awe[- ]?inspiring|breathtaking"),
            Map.entry("satire", "satire|satirical"),
            Map.entry("heist", "heists?"));

    private static final String BOUNDARY = "[.,;:!?()]|\\b(?:but|though|although|however|whereas)\\b";
    private static final String NOT_A_NEGATION = "\\b(?:not sure|not certain|no idea|not only|no matter|not bad|"
            + "no problem|no worries|never mind|nevermind|(?:don't|dont|do not|wouldn't|would not) mind|"
            + "(?:don't|dont|do not) care)\\b";
    private static final String NEGATED_AFTER = "\\b(?:not|isn't|isnt|aren't|arent|never)\\s+(?:really\\s+|quite\\s+"
            + "|exactly\\s+)?(?:my thing|for me|my cup of tea|my jam|my style|my genre|my kind of thing)\\b";
    private static final String NEGATION = "\\b(?:(?:don't|dont|do not|doesn't|doesnt|does not|didn't|didnt|did not"
            + "|won't|will not|not|never|no longer|can't stand|cant stand|cannot stand|can't bear|cannot bear)"
            + "(?:\\s+(?:really|very|much|too|that|even|quite|so))*"
            + "(?:\\s+(?:like|love|enjoy|want|fancy|care for|(?:a |big |huge )*fan of|fond of|keen on|into|feeling"
            + "|in the mood for|watch|watching|play|playing|see|more))?"
            + "|hate|hates|hated|dislike|dislikes|disliked|detest|detests|loathe|loathes|avoid|no|nothing|none"
            + "|without|except|anything but|anything other than|other than|rather than|instead of|sick of|tired of"
            + "|bored of|bored with|fed up with|rather not|not interested in)\\b";
    private static final String FIRST_PERSON_LIKE = "\\b(?:and|i|i'd|i'm|im|we|we'd|we're|also)\\s+"
            + "(?:(?:really|also|do|totally|absolutely|just|still|so|would|am|are|quite|kind of|kinda|definitely)\\s+)*"
            + "(?:love|like|adore|enjoy|prefer|fancy|want|crave|dig|(?:a |big |huge )*fan of|into|in the mood for"
            + "|feel like|looking for)\\b";
    /** Cues in the order they are tried at one position; the named group says which one matched. */
    private static final Pattern CUES = Pattern.compile("(?<neutral>" + NOT_A_NEGATION + ")|(?<after>"
            + NEGATED_AFTER + ")|(?<negation>" + NEGATION + ")|(?<like>" + FIRST_PERSON_LIKE + ")|(?<boundary>"
            + BOUNDARY + ")");
    /** "do you like horror?": about the assistant, not a statement of the user's taste. */
    private static final Pattern QUESTION_TO_ASSISTANT = Pattern.compile(
            "\\b(?:do|did|does|would|will|can|could|have|are|were)\\s+you\\b|\\byou\\s+(?:like|love|hate|enjoy)\\b");

    public StatedPreference {
        genres = List.copyOf(genres);
        phrases = List.copyOf(phrases);
        kinds = List.copyOf(kinds);
    }

    /** Like or dislike. */
    public enum Sentiment {
        LIKE,
        DISLIKE
    }

    /**
     * The tastes a message states: none, one like, one dislike, or a like and then a dislike.
     *
     * @param message    what the user said, preferably with catalog titles and cast masked
     * @param intent     what the message was understood to want
     * @param vocabulary the catalog's genres
     */
    public static List<StatedPreference> in(String message, Intent intent, Vocabulary vocabulary) {
        String text = CatalogIndex.normalise(message);
        boolean request = intent == Intent.RECOMMEND || intent == Intent.SEARCH;
        if (!request && QUESTION_TO_ASSISTANT.matcher(text).find()) {
            return List.of();
        }
        List<Mention> mentions = vocabulary.mentionsIn(text);
        if (mentions.isEmpty()) {
            return List.of();
        }
        Stance[] stances = stances(text, mentions);
        List<String> kinds = kinds(text);
        List<StatedPreference> stated = new ArrayList<>();
        for (Sentiment sentiment : Sentiment.values()) {
            Set<String> genres = new LinkedHashSet<>();
            Set<String> phrases = new LinkedHashSet<>();
            for (int i = 0; i < mentions.size(); i++) {
                Stance stance = stances[i] == Stance.NONE && request ? Stance.LIKE : stances[i];
                if (stance.sentiment == sentiment) {
                    Mention m = mentions.get(i);
                    (m.genre() ? genres : phrases).add(m.value());
                }
            }
            if (!genres.isEmpty() || !phrases.isEmpty()) {
                stated.add(new StatedPreference(sentiment, genres.stream().limit(MAX_ITEMS).toList(),
                        phrases.stream().limit(MAX_ITEMS).toList(), kinds));
            }
        }
        return List.copyOf(stated);
    }

    /** Whether this names the genre. */
    public boolean names(String genre) {
        return genres.contains(genre);
    }

    /** How each mention is meant, walking the text's cues and mentions in order. */
    private static Stance[] stances(String text, List<Mention> mentions) {
        Stance[] stances = new Stance[mentions.size()];
        Matcher cue = CUES.matcher(text);
        Stance current = Stance.NONE;
        List<Integer> inClause = new ArrayList<>();
        int next = 0;
        while (cue.find()) {
            for (; next < mentions.size() && mentions.get(next).start() < cue.start(); next++) {
                stances[next] = current;
                inClause.add(next);
            }
            if (cue.group("boundary") != null) {
                current = Stance.NONE;
                inClause.clear();
            } else if (cue.group("after") != null) {
                inClause.stream().filter(i -> stances[i] == Stance.NONE).forEach(i -> stances[i] = Stance.DISLIKE);
                current = Stance.DISLIKE;
            } else if (cue.group("negation") != null) {
                current = Stance.DISLIKE;
            } else if (cue.group("like") != null) {
                current = Stance.LIKE;
            }
        }
        for (; next < mentions.size(); next++) {
            stances[next] = current;
        }
        return stances;
    }

    /** Kinds the text names: each hint of the offline responder that names one kind, in its order. */
    private static List<String> kinds(String text) {
        return OfflineResponder.KIND_HINTS.stream()
                .filter(hint -> hint.getValue().size() == 1 && hint.getKey().matcher(text).find())
                .map(hint -> hint.getValue().getFirst())
                .distinct()
                .toList();
    }

    @SafeVarargs
    private static Map<String, Pattern> phrases(Map.Entry<String, String>... entries) {
        Map<String, Pattern> phrases = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries) {
            phrases.put(e.getKey(), Pattern.compile("\\b(?:" + e.getValue() + ")\\b"));
        }
        return java.util.Collections.unmodifiableMap(phrases);
    }

    private enum Stance {
        NONE(null),
        LIKE(Sentiment.LIKE),
        DISLIKE(Sentiment.DISLIKE);

        private final Sentiment sentiment;

        Stance(Sentiment sentiment) {
            this.sentiment = sentiment;
        }
    }

    /** A genre or phrase found in a text, and where. */
    private record Mention(int start, int end, String value, boolean genre) {
        boolean overlaps(Mention other) {
            return start < other.end && other.start < end;
        }
    }

    /**
     * A genre or phrase to look for; {@code literal}, when known, is contained in every match, so a text without it
     * skips the regular expression.
     */
    private record Term(Pattern pattern, String value, boolean genre, String literal) {
        Term(Pattern pattern, String value, boolean genre) {
            this(pattern, value, genre, null);
        }

        boolean mayOccurIn(String text) {
            return literal == null || text.contains(literal);
        }
    }

    /**
     * What the rules look for: the catalog's genres by name and by the offline responder's synonyms, and the
     * phrases of {@link #PHRASES}. Immutable; build one per catalog genre list.
     */
    public static final class Vocabulary {
        private final List<String> genres;
        private final List<Term> terms;

        private Vocabulary(List<String> genres, List<Term> terms) {
            this.genres = genres;
            this.terms = terms;
        }

        /** The vocabulary of a catalog with these genres. */
        public static Vocabulary of(Collection<String> catalogGenres) {
            List<String> genres = List.copyOf(catalogGenres);
            List<Term> terms = new ArrayList<>();
            for (String genre : genres) {
                if (!genre.isBlank() && genre.length() <= 64) {
                    terms.add(new Term(CatalogIndex.genrePattern(genre), genre, true, CatalogIndex.pluralStem(genre)));
                }
            }
            OfflineResponder.GENRE_SYNONYMS.forEach((pattern, genre) -> {
                if (genres.contains(genre)) {
                    terms.add(new Term(pattern, genre, true));
                }
            });
            PHRASES.forEach((phrase, pattern) -> terms.add(new Term(pattern, phrase, false)));
            return new Vocabulary(genres, List.copyOf(terms));
        }

        /** The catalog genres it was built from. */
        public List<String> genres() {
            return genres;
        }

        /** Every genre and phrase mentioned, in text order; of overlapping mentions only the longest. */
        private List<Mention> mentionsIn(String text) {
            List<Mention> found = new ArrayList<>();
            for (Term term : terms) {
                if (!term.mayOccurIn(text)) {
                    continue;
                }
                Matcher m = term.pattern().matcher(text);
                while (m.find()) {
                    found.add(new Mention(m.start(), m.end(), term.value(), term.genre()));
                }
            }
            found.sort(Comparator.comparingInt((Mention m) -> m.end() - m.start()).reversed()
                    .thenComparingInt(Mention::start));
            List<Mention> kept = new ArrayList<>();
            for (Mention m : found) {
                if (kept.stream().noneMatch(m::overlaps)) {
                    kept.add(m);
                }
            }
            kept.sort(Comparator.comparingInt(Mention::start));
            return kept;
        }
    }
}
