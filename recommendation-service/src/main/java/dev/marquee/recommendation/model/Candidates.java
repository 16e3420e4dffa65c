package dev.marquee.recommendation.model;

import java.util.Arrays;

/**
 * The titles considered for one request, each once, with a slot per scorer: candidates come from several
 * sources (trending, co-occurrence neighbours, the user's genres) and every scorer then fills its column.
 */
final class Candidates {
    static final int TRENDING = 0;
    static final int COLLABORATIVE = 1;
    static final int CONTENT = 2;
    static final int PROFILE = 3;
    static final int SCORERS = 4;

    private int[] titles;
    /** title → position + 1, open addressing. */
    private int[] keys;
    private int[] positions;
    private int size;
    float[][] scores = new float[SCORERS][];
    float[] blended;

    Candidates() {
        this(64);
    }

    /** Room for about {@code expected} candidates before anything grows. */
    Candidates(int expected) {
        int capacity = Math.max(64, expected);
        titles = new int[capacity];
        for (int s = 0; s < SCORERS; s++) {
            scores[s] = new float[capacity];
        }
        blended = new float[capacity];
        keys = new int[Integer.highestOneBit(capacity * 2 - 1) << 1];
        positions = new int[keys.length];
        Arrays.fill(keys, -1);
    }

    /** Adds a title if new; returns its position. */
    int add(int title) {
        int existing = position(title);
        if (existing >= 0) {
            return existing;
        }
        if (size * 2 >= keys.length) {
            rehash(keys.length * 2);
        }
        if (size == titles.length) {
            int capacity = size * 2;
            titles = Arrays.copyOf(titles, capacity);
            for (int s = 0; s < SCORERS; s++) {
                scores[s] = Arrays.copyOf(scores[s], capacity);
            }
            blended = Arrays.copyOf(blended, capacity);
        }
        titles[size] = title;
        insert(title, size);
        return size++;
    }

    /** The title's position, or -1. */
    int position(int title) {
        int mask = keys.length - 1;
        int i = mix(title) & mask;
        while (keys[i] != -1) {
            if (keys[i] == title) {
                return positions[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    int size() {
        return size;
    }

    int title(int position) {
        return titles[position];
    }

    private void insert(int title, int position) {
        int mask = keys.length - 1;
        int i = mix(title) & mask;
        while (keys[i] != -1) {
            i = (i + 1) & mask;
        }
        keys[i] = title;
        positions[i] = position;
    }

    private void rehash(int capacity) {
        keys = new int[capacity];
        positions = new int[capacity];
        Arrays.fill(keys, -1);
        for (int p = 0; p < size; p++) {
            insert(titles[p], p);
        }
    }

    /** Divides a scorer's column by its largest value, so that blend weights compare like with like. */
    void normalize(int column) {
        float max = 0;
        float[] values = scores[column];
        for (int p = 0; p < size; p++) {
            max = Math.max(max, values[p]);
        }
        if (max > 0) {
            for (int p = 0; p < size; p++) {
                values[p] = Math.max(0, values[p] / max);
            }
        }
    }

    /**
     * The positions of the {@code n} best candidates by the strategy's blend of every scorer but content
     * (ties by position); all of them when there are no more than {@code n}.
     */
    int[] best(int n, Strategy strategy) {
        if (size <= n) {
            int[] all = new int[size];
            for (int p = 0; p < size; p++) {
                all[p] = p;
            }
            return all;
        }
        long[] keys = new long[size];
        for (int p = 0; p < size; p++) {
            float partial = (float) (strategy.trending() * scores[TRENDING][p]
                    + strategy.collaborative() * scores[COLLABORATIVE][p] + strategy.profile() * scores[PROFILE][p]);
            int bits = Float.floatToIntBits(partial);
            bits ^= (bits >> 31) & 0x7fffffff;
            keys[p] = ((long) bits << 32) | (0xffffffffL & ~p);
        }
        Arrays.sort(keys);
        int[] best = new int[n];
        for (int i = 0; i < n; i++) {
            best[i] = ~(int) keys[size - 1 - i];
        }
        return best;
    }

    /**
     * Positions ordered by blended score, best first; ties by the given rank (lower first).
     *
     * @param tieRank   each title's rank for ties (unique per title)
     * @param byTieRank the titles by that rank: its inverse
     */
    int[] ranked(int[] tieRank, int[] byTieRank) {
        // One primitive sort of packed keys: the score's sortable bits above, the inverted tie rank below.
        long[] keys = new long[size];
        for (int p = 0; p < size; p++) {
            int bits = Float.floatToIntBits(blended[p]);
            bits ^= (bits >> 31) & 0x7fffffff;
            keys[p] = ((long) bits << 32) | (0xffffffffL & ~tieRank[titles[p]]);
        }
        Arrays.sort(keys);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            int rank = ~(int) keys[size - 1 - i];
            order[i] = position(byTieRank[rank]);
        }
        return order;
    }

    private static int mix(int value) {
        int h = value * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
