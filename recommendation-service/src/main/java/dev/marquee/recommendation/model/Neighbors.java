package dev.marquee.recommendation.model;

import java.util.Arrays;

/**
 * One title's co-occurrence counts with other titles: how many users had a positive interaction with both, in
 * a window of their recent positive titles. Capped: when full, a new neighbour replaces the weakest one, so a
 * blockbuster's list stays small and memory stays proportional to the catalog, not to the pairs. Counts are
 * thus lower bounds of the true counts, which is also the safe direction for erasure. Thread-safe: one writer
 * (ingestion) and many readers (requests).
 */
final class Neighbors {
    private int[] titles = new int[4];
    private float[] counts = new float[4];
    private int size;
    private final int cap;

    Neighbors(int cap) {
        this.cap = cap;
    }

    synchronized void add(int title, float delta) {
        for (int i = 0; i < size; i++) {
            if (titles[i] == title) {
                counts[i] += delta;
                if (counts[i] <= 1e-6f) {
                    removeAt(i);
                }
                return;
            }
        }
        if (delta <= 0) {
            return;
        }
        if (size == cap) {
            int weakest = 0;
            for (int i = 1; i < size; i++) {
                if (counts[i] < counts[weakest]) {
                    weakest = i;
                }
            }
            if (counts[weakest] > delta) {
                return;
            }
            removeAt(weakest);
        }
        if (size == titles.length) {
            titles = Arrays.copyOf(titles, Math.min(cap, size * 2));
            counts = Arrays.copyOf(counts, titles.length);
        }
        titles[size] = title;
        counts[size] = delta;
        size++;
    }

    private void removeAt(int i) {
        size--;
        titles[i] = titles[size];
        counts[i] = counts[size];
    }

    synchronized float count(int title) {
        for (int i = 0; i < size; i++) {
            if (titles[i] == title) {
                return counts[i];
            }
        }
        return 0;
    }

    /** Calls the visitor for every neighbour, under the lock: keep it short. */
    synchronized void forEach(Visitor visitor) {
        for (int i = 0; i < size; i++) {
            visitor.visit(titles[i], counts[i]);
        }
    }

    synchronized int size() {
        return size;
    }

    @FunctionalInterface
    interface Visitor {
        void visit(int title, float count);
    }
}
