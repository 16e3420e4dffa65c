package dev.marquee.recommendation.eval;

import dev.marquee.events.InteractionType;
import dev.marquee.recommendation.model.ModelSettings;
import dev.marquee.recommendation.model.Strategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The service's own recommender settings and strategies, read from its {@code application.properties} (profile
 * entries ignored), so that the offline evaluation measures exactly what the service runs. Only the keys the
 * evaluation needs are read; their defaults are those of RecommendationConfig.
 */
public final class EvaluationSettings {
    private static final String PREFIX = "marquee.recommendation.";

    private final Properties properties = new Properties();

    public EvaluationSettings() {
        try (InputStream in = EvaluationSettings.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String get(String key, String fallback) {
        return properties.getProperty(PREFIX + key, fallback);
    }

    public ModelSettings model() {
        Map<InteractionType, Double> weights = new EnumMap<>(InteractionType.class);
        for (InteractionType type : InteractionType.values()) {
            weights.put(type, Double.parseDouble(get("weights." + type.wireName(), "0")));
        }
        return new ModelSettings(weights, duration(get("trending.half-life", "7d")),
                Integer.parseInt(get("model.window", "10")), Integer.parseInt(get("model.neighbours", "50")),
                Integer.parseInt(get("model.history", "20")), Duration.ZERO,
                Integer.parseInt(get("model.genre-candidates", "40")));
    }

    /** Every configured strategy, by name. */
    public List<Strategy> strategies() {
        TreeSet<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(PREFIX + "strategies.")) {
                names.add(key.substring((PREFIX + "strategies.").length()).split("\\.")[0]);
            }
        }
        List<Strategy> strategies = new ArrayList<>();
        for (String name : names) {
            String s = "strategies." + name + ".";
            strategies.add(new Strategy(name, Double.parseDouble(get(s + "trending", "0")),
                    Double.parseDouble(get(s + "collaborative", "0")), Double.parseDouble(get(s + "content", "0")),
                    Double.parseDouble(get(s + "profile", "0")), Double.parseDouble(get(s + "diversity", "0.2")),
                    Integer.parseInt(get(s + "pool", "100"))));
        }
        return strategies;
    }

    private static Duration duration(String value) {
        if (value.endsWith("d")) {
            return Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.parse(value);
    }
}
