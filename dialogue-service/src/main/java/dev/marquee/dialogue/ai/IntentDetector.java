package dev.marquee.dialogue.ai;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-based intent detection over normalised text: patterns for the intents, plus the catalog's own genre
 * vocabulary (and a few everyday synonyms) to spot a genre.
 */
@ApplicationScoped
public class IntentDetector {
    private static final Pattern HUMAN = Pattern.compile(
            "\\b(human|real person|an agent|a person|someone real|customer (service|support)|support team)\\b");
    private static final Pattern HELP = Pattern.compile(
            "^help$|\\bwhat can you do\\b|\\bhow (does this|do you) work\\b|\\bwhat do you do\\b");
    private static final Pattern RECOMMEND = Pattern.compile(
            "\\b(recommend\\w*|suggest\\w*|what should i (watch|play|see)|something (to (watch|play|see)|good|fun|new)"
                    + "|what'?s (good|on|trending|popular|hot)|trending|popular|surprise me|any (good )?(ideas|picks)"
                    + "|bored|pick (something|one) for me)\\b");
    private static final Pattern DETAILS = Pattern.compile(
            "^(tell me (more )?about|what is|what's|whats|info (on|about)|details (on|for|about)|who is in"
                    + "|describe)\\s+(?<query>.+)$");
    private static final Pattern GREETING = Pattern.compile(
            "^(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|greetings)\\b");
    private static final Map<String, String> GENRE_SYNONYMS = Map.of(
            "funny", "comedy",
            "laugh", "comedy",
            "scary", "horror",
            "spooky", "horror",
            "space", "space opera",
            "cartoon", "animation",
            "docs", "documentary",
            "romantic", "romance",
            "thrilling", "thriller");

    /** Words that say what kind of title the user is after, most specific first. */
    private static final List<Map.Entry<Pattern, List<String>>> KIND_HINTS = List.of(
            Map.entry(Pattern.compile("\\b(games?|gaming|play)\\b"), List.of("game")),
            Map.entry(Pattern.compile("\\b(movies?|films?)\\b"), List.of("movie")),
            Map.entry(Pattern.compile("\\b(series|tv|(a|some|tv) shows?)\\b"), List.of("series")),
            Map.entry(Pattern.compile("\\b(live|concerts?|matche?s?|events?|gala)\\b"), List.of("live_event")),
            Map.entry(Pattern.compile("\\b(watch|see)\\b"), List.of("movie", "series", "live_event")));

    /**
     * A detected intent with what it is about.
     *
     * @param intent the intent
     * @param genre  a catalog genre the text mentions, if any
     * @param kinds  kinds of title the text asks for (empty: any)
     * @param query  for title details, the title words
     */
    public record Detected(Intent intent, String genre, List<String> kinds, String query) {
    }

    public Detected detect(String message, Collection<String> genres) {
        String text = normalise(message);
        String genre = genre(text, genres).orElse(null);
        List<String> kinds = kinds(text);
        if (HUMAN.matcher(text).find()) {
            return new Detected(Intent.TALK_TO_HUMAN, null, List.of(), null);
        }
        if (HELP.matcher(text).find()) {
            return new Detected(Intent.HELP, null, List.of(), null);
        }
        if (RECOMMEND.matcher(text).find()) {
            return new Detected(Intent.RECOMMEND, genre, kinds, null);
        }
        Matcher details = DETAILS.matcher(text);
        if (details.find()) {
            return new Detected(Intent.TITLE_DETAILS, null, List.of(), details.group("query").trim());
        }
        if (genre != null) {
            return new Detected(Intent.SEARCH_GENRE, genre, kinds, null);
        }
        if (GREETING.matcher(text).find()) {
            return new Detected(Intent.GREETING, null, List.of(), null);
        }
        return new Detected(Intent.OUT_OF_SCOPE, null, List.of(), null);
    }

    private static List<String> kinds(String text) {
        return KIND_HINTS.stream()
                .filter(hint -> hint.getKey().matcher(text).find())
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(List.of());
    }

    /** The longest catalog genre named in the text, or one implied by a synonym. */
    private static Optional<String> genre(String text, Collection<String> genres) {
        Optional<String> named = genres.stream()
                .filter(g -> Pattern.compile("\\b" + plurals(g) + "\\b").matcher(text).find())
                .max(Comparator.comparingInt(String::length));
        if (named.isPresent()) {
            return named;
        }
        return GENRE_SYNONYMS.entrySet().stream()
                .filter(e -> Pattern.compile("\\b" + e.getKey() + "\\w*\\b").matcher(text).find())
                .map(Map.Entry::getValue)
                .filter(genres::contains)
                .findFirst();
    }

    /** The genre as a regular expression that also accepts its plural (comedy, comedies; thriller, thrillers). */
    private static String plurals(String genre) {
        if (genre.endsWith("y")) {
            return "(" + Pattern.quote(genre) + "|" + Pattern.quote(genre.substring(0, genre.length() - 1) + "ies")
                    + ")";
        }
        return Pattern.quote(genre) + "s?";
    }

    static String normalise(String message) {
        return message.toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("[^\\p{L}\\p{N}' ?-]", " ")
                .replaceAll("\\s+", " ")
                .trim()
                .replaceAll("[ ?]+$", "");
    }
}
