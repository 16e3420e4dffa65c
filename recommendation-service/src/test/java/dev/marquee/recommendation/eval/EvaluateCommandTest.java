package dev.marquee.recommendation.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(Function<Dataset, List<EvaluatedRecommender>> strategies, String... args) {
        return EvaluateCommand.execute(args, strategies, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Recommends nothing; records the dataset it was built for. */
    private static final class Silent implements EvaluatedRecommender {
        @Override
        public String name() {
            return "silent";
        }

        @Override
        public void train(Dataset dataset, List<LoggedInteraction> training) {
        }

        @Override
        public List<String> recommend(String userId, int k, Set<String> exclude) {
            return List.of();
        }
    }

    @Test
    void evaluatesPopularityFirstThenTheStrategiesOnSyntheticData() {
        List<Dataset> seen = new ArrayList<>();
        int status = execute(dataset -> {
            seen.add(dataset);
            return List.of(new Silent());
        }, "--titles", "120", "--users", "80", "--interactions", "2000", "--seed", "7", "--k", "5");

        assertThat(status).isZero();
        assertThat(err()).isEmpty();
        assertThat(seen).singleElement().satisfies(dataset -> {
            assertThat(dataset.catalog()).hasSize(120);
            assertThat(dataset.interactions()).hasSize(2000);
        });
        String output = out();
        assertThat(output).contains("dataset: synthetic(seed=7, titles=120, users=80, interactions=2000)",
                "titles: 120, users: 80, interactions: 2000", "| recommender | P@5 |", "k=5");
        assertThat(output.indexOf("| popularity |")).isPositive().isLessThan(output.indexOf("| silent |"));
    }

    @Test
    void evaluatesMovieLens() throws URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/movielens-tiny/u.data").toURI()).getParent();
        int status = execute(dataset -> List.of(), "--movielens", fixture.toString(), "--train", "0.5", "--k", "3");
        assertThat(status).as(err()).isZero();
        assertThat(out()).contains("dataset: movielens-100k", "| popularity |");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--k 0", "--k ten", "--train 1.5", "--train 0", "--seed", "--users 10 "
        + "--interactions 20", "--movielens /no/such/directory", "--movielens . --seed 3", "--synthetic --movielens .",
        "--titles -4"})
    void badArgumentsExitWithTwoAndTheUsage(String args) {
        int status = execute(dataset -> List.of(), args.split(" "));
        assertThat(status).isEqualTo(2);
        assertThat(err()).startsWith("error: ").contains("usage: evaluate");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(execute(dataset -> List.of(), "--help")).isZero();
        assertThat(out()).contains("usage: evaluate", "--movielens DIR");
    }

    @Test
    void aStrategyCalledPopularityIsAFailureNotACrash() {
        int status = execute(dataset -> List.of(new PopularityBaseline()), "--titles", "50", "--users", "20",
                "--interactions", "200");
        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("popularity");
    }
}
