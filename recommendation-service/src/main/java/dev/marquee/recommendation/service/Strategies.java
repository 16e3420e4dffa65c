package dev.marquee.recommendation.service;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.recommendation.config.RecommendationConfig;
import dev.marquee.recommendation.model.Strategy;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured strategies and the experiment that assigns users to them. Assignment is a hash of the
 * experiment name and the user id into 100 buckets, so a user stays in their variant on every request and every
 * instance, and a new experiment name reshuffles everyone. Checked at start: unknown strategies or shares that
 * do not add up to 100 stop the service with a message.
 */
@ApplicationScoped
public class Strategies {
    /** Variant of lists whose request named a strategy, outside any experiment. */
    public static final String EXPLICIT = "explicit";
    /** Variant of lists served with no experiment configured. */
    public static final String NO_EXPERIMENT = "default";

    private final Map<String, Strategy> strategies = new TreeMap<>();
    private final String defaultStrategy;
    private final String experiment;
    private final List<Bucket> buckets = new ArrayList<>();

    private record Bucket(String variant, String strategy, int upTo) {
    }

    /** The strategy a request runs and the variant it is recorded under. */
    public record Assignment(Strategy strategy, String variant) {
    }

    public Strategies(RecommendationConfig config) {
        config.strategies().forEach((name, s) -> strategies.put(name, new Strategy(name, s.trending(),
                s.collaborative(), s.content(), s.profile(), s.diversity(), s.pool())));
        defaultStrategy = config.defaultStrategy();
        require(defaultStrategy, "marquee.recommendation.default-strategy");
        experiment = config.experiment().name().orElse(null);
        if (experiment != null) {
            int total = 0;
            for (var variant : new TreeMap<>(config.experiment().variants()).entrySet()) {
                require(variant.getValue().strategy(), "marquee.recommendation.experiment.variants."
                        + variant.getKey() + ".strategy");
                total += variant.getValue().share();
                buckets.add(new Bucket(variant.getKey(), variant.getValue().strategy(), total));
            }
            if (total != 100) {
                throw new IllegalStateException("the shares of experiment " + experiment + " add up to " + total
                        + ", not 100");
            }
        }
    }

    private void require(String name, String key) {
        if (!strategies.containsKey(name)) {
            throw new IllegalStateException(key + " names strategy '" + name + "', but only " + strategies.keySet()
                    + " are configured (marquee.recommendation.strategies.<name>.*)");
        }
    }

    /** Names of the configured strategies. */
    public List<String> names() {
        return List.copyOf(strategies.keySet());
    }

    public Strategy defaultStrategy() {
        return strategies.get(defaultStrategy);
    }

    /** A strategy by name; 400 for one that is not configured. */
    public Strategy named(String name) {
        Strategy strategy = strategies.get(name);
        if (strategy == null) {
            throw ProblemException.badRequest("unknown strategy '" + name + "'; configured: " + names());
        }
        return strategy;
    }

    /** What a user gets: the requested strategy, else their experiment variant, else the default. */
    public Assignment assign(String userId, String requested) {
        if (requested != null) {
            return new Assignment(named(requested), EXPLICIT);
        }
        if (experiment == null) {
            return new Assignment(strategies.get(defaultStrategy), NO_EXPERIMENT);
        }
        int bucket = bucket(experiment, userId);
        for (Bucket b : buckets) {
            if (bucket < b.upTo()) {
                return new Assignment(strategies.get(b.strategy()), b.variant());
            }
        }
        throw new IllegalStateException("bucket " + bucket + " outside the experiment");
    }

    /** 0..99, the same for the same experiment and user everywhere. */
    static int bucket(String experiment, String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((experiment + ":" + userId).getBytes(StandardCharsets.UTF_8));
            int value = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8)
                    | (digest[3] & 0xff);
            return Integer.remainderUnsigned(value, 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
