package dev.marquee.dialogue.ai;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that turn a message into stated tastes, without a running service. Messages are given as the offline
 * responder passes them: catalog titles and cast already masked ("this title", "this actor").
 */
class StatedPreferenceTest {
    /** The genres of the demo catalog. */
    private static final List<String> GENRES = List.of("action", "adventure", "animation", "arcade", "comedy",
            "crime", "documentary", "drama", "esports", "family", "fantasy", "food", "horror", "live", "music",
            "musical", "mystery", "nature", "puzzle", "racing", "romance", "rpg", "sci-fi", "science", "simulation",
            "space opera", "sports", "strategy", "teen", "thriller", "western");
    private static final StatedPreference.Vocabulary VOCABULARY = StatedPreference.Vocabulary.of(GENRES);
    private static final Set<String> KINDS = Set.of("movie", "series", "episode", "game", "live_event");

    /**
     * Expected: each preference as {@code sentiment genres/phrases/kinds} (items comma-separated), several joined
     * by {@code +}; {@code none} for no preference.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            SEARCH        | I love space operas                       | like space opera//
            SMALL_TALK    | I love space operas                       | like space opera//
            SEARCH        | I'm in the mood for some sci-fi           | like sci-fi//
            SEARCH        | I LOVE Sci-Fi!!!                          | like sci-fi//
            GREETING      | hi! I'm really into sci-fi                | like sci-fi//
            SEARCH        | science fiction please                    | like sci-fi//
            SEARCH        | something cozy for a rainy night          | like /cozy/
            SEARCH        | a cozy game for a quiet evening           | like /cozy/game
            SEARCH        | cosy co-op games                          | like /cozy,co-op/game
            SEARCH        | a slow-burn atmospheric story             | like /slow-burn,atmospheric/
            SEARCH        | I'd love a dark comedy series             | like comedy/dark/series
            SEARCH        | spooky but not too gory                   | like horror//
            SEARCH        | I'm not sure, maybe a thriller            | like thriller//
            FEEDBACK      | I hate horror movies                      | dislike horror//movie
            SEARCH        | I hate horror movies                      | dislike horror//movie
            FEEDBACK      | no horror please                          | dislike horror//
            SEARCH        | not in the mood for horror                | dislike horror//
            FEEDBACK      | I'm not in the mood for horror            | dislike horror//
            FEEDBACK      | I don't like comedies                     | dislike comedy//
            FEEDBACK      | i dont really like horror                 | dislike horror//
            FEEDBACK      | I can't stand musicals                    | dislike musical//
            SEARCH        | I'm not a big fan of westerns             | dislike western//
            SEARCH        | anything but horror                       | dislike horror//
            FEEDBACK      | horror is not my thing                    | dislike horror//
            SMALL_TALK    | I don't want anything like horror         | dislike horror//
            FEEDBACK      | these are all horror, I said no horror    | dislike horror//
            SEARCH        | no horror, something funny                | like comedy// + dislike horror//
            SMALL_TALK    | I hate horror and love comedy             | like comedy// + dislike horror//
            SEARCH        | horror or thrillers, but no comedy        | like horror,thriller// + dislike comedy//
            SEARCH        | comedy instead of horror                  | like comedy// + dislike horror//
            RECOMMEND     | recommend me something                    | none
            RECOMMEND     | need a movie for tonight, no idea what    | none
            GREETING      | hello                                     | none
            HELP          | what can you do?                          | none
            TITLE_DETAILS | tell me about this title                  | none
            SEARCH        | films with this actor                     | none
            SMALL_TALK    | do you like horror movies?                | none
            SMALL_TALK    | comedies are great                        | none
            FEEDBACK      | love it, great recommendation             | none
            OUT_OF_SCOPE  | I don't mind horror                       | none
            """)
    void statementsOfTasteAreFoundAndNegationsAreDislikes(Intent intent, String message, String expected) {
        List<StatedPreference> stated = StatedPreference.in(message, intent, VOCABULARY);

        assertThat(describe(stated)).isEqualTo(expected);
        assertThat(stated).allSatisfy(p -> {
            assertThat(p.genres().isEmpty() && p.phrases().isEmpty()).isFalse();
            assertThat(GENRES).containsAll(p.genres());
            assertThat(StatedPreference.PHRASES.keySet()).containsAll(p.phrases());
            assertThat(KINDS).containsAll(p.kinds());
        });
    }

    @Test
    void onlyTheCatalogsOwnGenresAreNamed() {
        StatedPreference.Vocabulary small = StatedPreference.Vocabulary.of(List.of("comedy", "drama"));

        assertThat(StatedPreference.in("I love space operas", Intent.SEARCH, small)).isEmpty();
        assertThat(describe(StatedPreference.in("something funny and cozy", Intent.SEARCH, small)))
                .isEqualTo("like comedy/cozy/");
        assertThat(small.genres()).containsExactly("comedy", "drama");
    }

    @Test
    void everyPhraseFitsTheEventsPattern() {
        assertThat(StatedPreference.PHRASES.keySet()).isNotEmpty()
                .allSatisfy(phrase -> assertThat(phrase).matches("[a-z][a-z -]{0,39}"));
    }

    private static String describe(List<StatedPreference> stated) {
        if (stated.isEmpty()) {
            return "none";
        }
        return stated.stream()
                .map(p -> p.sentiment().name().toLowerCase(java.util.Locale.ROOT) + " " + String.join(",", p.genres())
                        + "/" + String.join(",", p.phrases()) + "/" + String.join(",", p.kinds()))
                .collect(Collectors.joining(" + "));
    }
}
