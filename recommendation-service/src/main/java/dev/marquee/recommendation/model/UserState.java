package dev.marquee.recommendation.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One user's interactions in the order they happened (the model's own copy, so that everything derived from
 * them can be replayed and taken back on erasure or withdrawn consent), whether their data may personalize,
 * the titles they finished or disliked, their recent positive titles and what they said they like.
 * Guarded by its own lock.
 */
final class UserState {
    private int[] titles = new int[8];
    private byte[] types = new byte[8];
    private byte[] ratings = new byte[8];
    private long[] times = new long[8];
    /** The brand each interaction happened in, as {@link Model}'s brand code (0: not known). */
    private short[] brandCodes = new short[8];
    private int size;

    /**
     * Whether personalization consent is given in at least one brand: only then is this user's history learned
     * from, and only what happened in those brands.
     */
    boolean personalized;
    /**
     * The brands with personalization consent: only interactions in them are learned from, and only lists asked for
     * in them use the user's history. {@code null} when not restricted by brand (offline evaluation).
     */
    java.util.Set<String> brands;
    /** The brand codes of {@link #brands}, sorted; null with it. */
    short[] brandCodeSet;
    /** Titles with a positive interaction, as counted in the model's per-title user counts. */
    IntSet positives = new IntSet(8);
    /** The most recent distinct positive titles, newest last, at most the co-occurrence window. */
    int[] window = new int[0];
    final List<StatedPreference> preferences = new ArrayList<>();

    void append(int title, byte type, int rating, long time, short brandCode) {
        if (size == titles.length) {
            int capacity = size * 2;
            titles = Arrays.copyOf(titles, capacity);
            types = Arrays.copyOf(types, capacity);
            ratings = Arrays.copyOf(ratings, capacity);
            times = Arrays.copyOf(times, capacity);
            brandCodes = Arrays.copyOf(brandCodes, capacity);
        }
        titles[size] = title;
        types[size] = type;
        ratings[size] = (byte) rating;
        times[size] = time;
        brandCodes[size] = brandCode;
        size++;
    }

    /**
     * Whether the i-th interaction may be learned from and used: with consent, in a brand with consent (or when
     * brands do not matter, or the brand of an interaction stored before brands were kept is not known).
     */
    boolean consented(int i) {
        return personalized && (brandCodeSet == null || brandCodes[i] == 0
                || Arrays.binarySearch(brandCodeSet, brandCodes[i]) >= 0);
    }

    int size() {
        return size;
    }

    int title(int i) {
        return titles[i];
    }

    byte type(int i) {
        return types[i];
    }

    int rating(int i) {
        return ratings[i];
    }

    long time(int i) {
        return times[i];
    }

    /** Drops the interactions that happened before {@code before}; the others keep their order. */
    void removeBefore(long before) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= before) {
                titles[kept] = titles[i];
                types[kept] = types[i];
                ratings[kept] = ratings[i];
                times[kept] = times[i];
                brandCodes[kept] = brandCodes[i];
                kept++;
            }
        }
        size = kept;
    }

    /** Resets what is derived from the history; the history itself stays. */
    void clearDerived() {
        positives = new IntSet(8);
        window = new int[0];
    }

    /** Approximate heap bytes of this user's state, for the memory report. */
    long bytes() {
        return 96L + titles.length * 16L + 64L * positives.size() + 4L * window.length + 200L * preferences.size();
    }

    /**
     * A taste the user stated in conversation.
     *
     * @param like    true for "I love…", false for "not in the mood for…"
     * @param genres  genre numbers of the catalog snapshot
     * @param phrases the normalised phrases, for explanations
     * @param vector  embedding of the phrases and genres, quantised, or null
     */
    record StatedPreference(boolean like, int[] genres, List<String> phrases, Vectors.Probe vector) {
    }
}
