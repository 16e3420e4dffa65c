package dev.marquee.recommendation.model;

import dev.marquee.events.InteractionType;

import java.time.Duration;
import java.util.Map;

/**
 * How interactions become signals.
 *
 * @param weights          weight of each interaction type; a rating counts its weight times (stars - 3)
 * @param halfLife         half-life of an interaction's influence on trending
 * @param window           how many of a user's most recent positive titles a new one is paired with
 * @param neighbours       how many co-occurring titles each title keeps
 * @param history          how many of a user's most recent positive titles the personal scorers look at
 * @param trendingRefresh  how often the trending order is re-sorted
 * @param genreCandidates  how many trending titles of each of the user's favourite genres join the pool
 */
public record ModelSettings(Map<InteractionType, Double> weights, Duration halfLife, int window, int neighbours,
                            int history, Duration trendingRefresh, int genreCandidates) {

    public ModelSettings {
        weights = Map.copyOf(weights);
        for (InteractionType type : InteractionType.values()) {
            if (!weights.containsKey(type)) {
                throw new IllegalArgumentException("no weight for interaction type " + type.wireName());
            }
        }
    }

    public double weight(InteractionType type, Integer rating) {
        double weight = weights.get(type);
        return type == InteractionType.RATING && rating != null ? weight * (rating - 3) : weight;
    }
}
