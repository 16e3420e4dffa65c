package dev.marquee.recommendation.model;

import java.util.Arrays;

/** A small open-addressing set of non-negative ints, for exclusions and candidate de-duplication. */
final class IntSet {
    private int[] slots;
    private int size;

    IntSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        slots = new int[capacity];
        Arrays.fill(slots, -1);
    }

    /** Adds the value; false when it was there already. */
    boolean add(int value) {
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = mix(value) & mask;
        while (slots[i] != -1) {
            if (slots[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
        return true;
    }

    boolean contains(int value) {
        int mask = slots.length - 1;
        int i = mix(value) & mask;
        while (slots[i] != -1) {
            if (slots[i] == value) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        Arrays.fill(slots, -1);
        size = 0;
        for (int v : old) {
            if (v != -1) {
                add(v);
            }
        }
    }

    private static int mix(int value) {
        int h = value * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
