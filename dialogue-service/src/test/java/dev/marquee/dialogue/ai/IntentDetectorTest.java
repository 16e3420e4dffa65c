package dev.marquee.dialogue.ai;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntentDetectorTest {
    private static final List<String> GENRES = List.of("comedy", "horror", "sci-fi", "space opera", "drama",
            "documentary", "romance");
    private final IntentDetector detector = new IntentDetector();

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Hi there!                                   | GREETING       |               |
            good evening                                | GREETING       |               |
            Can you recommend something to watch?       | RECOMMEND      |               | movie series live_event
            what should I play tonight                  | RECOMMEND      |               | game
            Suggest a scary movie                       | RECOMMEND      | horror        | movie
            I'm bored, surprise me                      | RECOMMEND      |               |
            what's trending?                            | RECOMMEND      |               |
            any good space opera series?                | SEARCH_GENRE   | space opera   | series
            funny comedies                              | SEARCH_GENRE   | comedy        |
            show me some comedy                         | SEARCH_GENRE   | comedy        |
            any comedy tv shows?                        | SEARCH_GENRE   | comedy        | series
            documentaries please                        | SEARCH_GENRE   | documentary   |
            Tell me about Orbit of Small Things         | TITLE_DETAILS  |               |
            what is Tidebreaker?                        | TITLE_DETAILS  |               |
            help                                        | HELP           |               |
            What can you do?                            | HELP           |               |
            I want to talk to a real person             | TALK_TO_HUMAN  |               |
            get me customer support                     | TALK_TO_HUMAN  |               |
            the weather is nice                         | OUT_OF_SCOPE   |               |
            """)
    void detects(String message, Intent intent, String genre, String kinds) {
        IntentDetector.Detected detected = detector.detect(message, GENRES);

        assertThat(detected.intent()).isEqualTo(intent);
        assertThat(detected.genre()).isEqualTo(genre);
        if (intent == Intent.RECOMMEND || intent == Intent.SEARCH_GENRE) {
            assertThat(detected.kinds()).isEqualTo(kinds == null ? List.of() : Arrays.asList(kinds.split(" ")));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Tell me about Orbit of Small Things | orbit of small things
            what is Tidebreaker?                | tidebreaker
            """)
    void titleDetailsCarryTheTitleWords(String message, String query) {
        assertThat(detector.detect(message, GENRES).query()).isEqualTo(query);
    }
}
