package dev.marquee.recommendation.eval;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The command line of the offline evaluation: builds a synthetic or MovieLens dataset, evaluates the popularity
 * baseline and the given strategies on a time split, and prints the dataset facts and the report table. A
 * {@code main} elsewhere supplies the strategies.
 */
public final class EvaluateCommand {

    static final String USAGE = """
            usage: evaluate [--synthetic] [--seed 42] [--titles 2000] [--users 2000] [--interactions 100000] \
            [--k 10] [--train 0.8]
                   evaluate --movielens <directory> [--k 10] [--train 0.8]

              --synthetic       evaluate on generated data (the default)
              --seed N          seed of the generator
              --titles N        catalog size
              --users N         number of users
              --interactions N  log size, at least 3 per user
              --movielens DIR   evaluate on MovieLens 100k (u.data, u.item) or 1M (ratings.dat, movies.dat)
              --k N             length of the recommendation lists
              --train F         share of the log (by time) used for training, between 0 and 1
            """;

    /** Exit code for bad arguments. */
    static final int BAD_ARGUMENTS = 2;
    /** Exit code for a failure while loading or evaluating. */
    static final int FAILED = 1;

    private EvaluateCommand() {
    }

    /**
     * Runs the evaluation and exits the JVM with status 2 on bad arguments (after printing the usage) or 1 on a
     * failure; returns normally on success.
     *
     * @param strategies the recommenders to compare with the popularity baseline, built for the dataset
     */
    public static void run(String[] args, Function<Dataset, List<EvaluatedRecommender>> strategies) {
        int status = execute(args, strategies, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@link #run} without exiting: returns the exit status. */
    static int execute(String[] args, Function<Dataset, List<EvaluatedRecommender>> strategies, PrintStream out,
            PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return BAD_ARGUMENTS;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        try {
            Dataset dataset = options.movieLens() != null
                    ? MovieLens.read(options.movieLens())
                    : SyntheticData.generate(options.seed(), options.titles(), options.users(),
                            options.interactions());
            List<EvaluatedRecommender> recommenders = new ArrayList<>();
            recommenders.add(new PopularityBaseline());
            List<EvaluatedRecommender> supplied = strategies.apply(dataset);
            if (supplied != null) {
                recommenders.addAll(supplied);
            }
            Report report = Evaluator.evaluate(dataset, options.trainFraction(), options.k(), recommenders);
            out.print(facts(dataset));
            out.println(report.summary());
            out.println();
            out.print(report.table());
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private static String facts(Dataset dataset) {
        List<LoggedInteraction> log = dataset.interactions();
        long positives = log.stream().filter(LoggedInteraction::positive).count();
        StringBuilder facts = new StringBuilder();
        facts.append("dataset: ").append(dataset.name()).append('\n');
        facts.append(String.format(Locale.ROOT, "titles: %d, users: %d, interactions: %d (%.1f%% positive)%n",
                dataset.catalog().size(), dataset.userCount(), log.size(),
                log.isEmpty() ? 0.0 : 100.0 * positives / log.size()));
        if (!log.isEmpty()) {
            facts.append("time span: ").append(Instant.ofEpochMilli(log.getFirst().timestampMillis()))
                    .append(" to ").append(Instant.ofEpochMilli(log.getLast().timestampMillis())).append('\n');
        }
        return facts.toString();
    }

    /** The parsed command line. {@code movieLens} is null for synthetic data. */
    record Options(long seed, int titles, int users, int interactions, Path movieLens, int k, double trainFraction,
            boolean help) {

        static Options parse(String[] args) {
            long seed = 42;
            int titles = 2000;
            int users = 2000;
            int interactions = 100_000;
            Path movieLens = null;
            int k = 10;
            double train = 0.8;
            boolean synthetic = false;
            boolean syntheticOption = false;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--help", "-h" -> {
                        return new Options(seed, titles, users, interactions, null, k, train, true);
                    }
                    case "--synthetic" -> synthetic = true;
                    case "--seed" -> {
                        seed = parseLong(option, value(args, ++i, option));
                        syntheticOption = true;
                    }
                    case "--titles" -> {
                        titles = positive(option, value(args, ++i, option));
                        syntheticOption = true;
                    }
                    case "--users" -> {
                        users = positive(option, value(args, ++i, option));
                        syntheticOption = true;
                    }
                    case "--interactions" -> {
                        interactions = positive(option, value(args, ++i, option));
                        syntheticOption = true;
                    }
                    case "--movielens" -> movieLens = Path.of(value(args, ++i, option));
                    case "--k" -> k = positive(option, value(args, ++i, option));
                    case "--train" -> train = fraction(option, value(args, ++i, option));
                    default -> throw new IllegalArgumentException("unknown argument '" + option + "'");
                }
            }
            if (movieLens != null) {
                if (synthetic || syntheticOption) {
                    throw new IllegalArgumentException(
                            "--movielens cannot be combined with --synthetic, --seed, --titles, --users or "
                                    + "--interactions");
                }
                if (!Files.isDirectory(movieLens)) {
                    throw new IllegalArgumentException("--movielens " + movieLens + " is not a directory");
                }
            } else if ((long) interactions < 3L * users) {
                throw new IllegalArgumentException("--interactions must be at least 3 per user (" + 3L * users
                        + " for " + users + " users)");
            }
            return new Options(seed, titles, users, interactions, movieLens, k, train, false);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static long parseLong(String option, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
            }
        }

        private static int positive(String option, String value) {
            long parsed = parseLong(option, value);
            if (parsed < 1 || parsed > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(option + " must be a positive whole number, got '" + value + "'");
            }
            return (int) parsed;
        }

        private static double fraction(String option, String value) {
            double parsed;
            try {
                parsed = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a number, got '" + value + "'");
            }
            if (!(parsed > 0 && parsed < 1)) {
                throw new IllegalArgumentException(option + " must be between 0 and 1 (exclusive), got " + value);
            }
            return parsed;
        }
    }
}
