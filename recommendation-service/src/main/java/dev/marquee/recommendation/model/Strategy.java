package dev.marquee.recommendation.model;

/**
 * A named blend of the scorers: each weight scales its scorer's normalised score, {@code diversity} trades
 * relevance for variety in the final re-ranking (maximal marginal relevance; 0 keeps the blend's order) and
 * {@code pool} is how many trending titles enter the candidate pool beside the personal candidates.
 */
public record Strategy(String name, double trending, double collaborative, double content, double profile,
                       double diversity, int pool) {

    public Strategy {
        if (trending < 0 || collaborative < 0 || content < 0 || profile < 0) {
            throw new IllegalArgumentException("strategy " + name + ": weights cannot be negative");
        }
        if (trending + collaborative + content + profile <= 0) {
            throw new IllegalArgumentException("strategy " + name + ": at least one weight must be positive");
        }
        if (diversity < 0 || diversity >= 1) {
            throw new IllegalArgumentException("strategy " + name + ": diversity must be in [0, 1)");
        }
        if (pool < 1) {
            throw new IllegalArgumentException("strategy " + name + ": pool must be positive");
        }
    }

    /** Whether any scorer of this strategy uses the user's own data. */
    public boolean personal() {
        return collaborative > 0 || content > 0 || profile > 0;
    }

    /** The non-personalized form of this strategy: what users without personalization consent get. */
    public Strategy withoutPersonalization() {
        return new Strategy(name, 1, 0, 0, 0, diversity, pool);
    }
}
