package dev.marquee.recommendation.eval;

import java.util.Objects;
import java.util.Set;

/**
 * One logged interaction as the offline evaluation sees it: who did what with which title and when.
 *
 * <p>The type is the wire name of the interaction ({@code impression}, {@code click}, {@code play},
 * {@code complete}, {@code like}, {@code dislike}, {@code rating}, {@code purchase}); {@code rating} carries a value
 * from 1 to 5 and every other type carries none. {@link #positive()} is the relevance definition of the evaluation.
 */
public record LoggedInteraction(String userId, String titleId, String type, Integer rating, long timestampMillis) {

    /** The interaction types, by wire name. */
    public static final Set<String> TYPES =
            Set.of("impression", "click", "play", "complete", "like", "dislike", "rating", "purchase");

    private static final Set<String> POSITIVE_TYPES = Set.of("play", "complete", "like", "purchase");

    public LoggedInteraction {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(titleId, "titleId");
        Objects.requireNonNull(type, "type");
        if (userId.isBlank() || titleId.isBlank()) {
            throw new IllegalArgumentException("userId and titleId must not be blank");
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown interaction type '" + type + "'");
        }
        if (type.equals("rating")) {
            if (rating == null || rating < 1 || rating > 5) {
                throw new IllegalArgumentException("a rating must have a value from 1 to 5, got " + rating);
            }
        } else if (rating != null) {
            throw new IllegalArgumentException("only a rating carries a value, not a " + type);
        }
    }

    /** Whether this interaction shows the user wants the title: a play, complete, like, purchase or a 4-5 rating. */
    public boolean positive() {
        return POSITIVE_TYPES.contains(type) || (rating != null && rating >= 4);
    }
}
