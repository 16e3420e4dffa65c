package dev.marquee.recommendation.eval;

import java.util.List;
import java.util.Set;

/**
 * A recommender strategy as the offline evaluation drives it: trained once on the interactions before the time
 * cutoff, then asked for a top-k list per test user.
 */
public interface EvaluatedRecommender {

    /** A short, unique name for the report, e.g. {@code "popularity"}. */
    String name();

    /**
     * Learns from the training interactions.
     *
     * @param dataset the whole dataset, for its catalog; its interactions include the test period and must not be
     *     used for training
     * @param training the interactions before the cutoff, in time order
     */
    void train(Dataset dataset, List<LoggedInteraction> training);

    /**
     * The best {@code k} titles for the user, best first, none of them in {@code exclude}; fewer if the strategy
     * has nothing more to say (for instance for a user it has never seen).
     */
    List<String> recommend(String userId, int k, Set<String> exclude);
}
