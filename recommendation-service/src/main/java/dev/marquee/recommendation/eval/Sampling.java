package dev.marquee.recommendation.eval;

import java.util.SplittableRandom;

/** Weighted random choices for the synthetic generator: by index, proportional to non-negative weights. */
final class Sampling {

    private Sampling() {
    }

    /** An index drawn with probability proportional to its weight (linear scan, for short arrays). */
    static int index(double[] weights, SplittableRandom random) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double target = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Precomputed cumulative weights for drawing many times from a long array (binary search). */
    static final class Table {
        private final double[] cumulative;

        Table(double[] weights) {
            if (weights.length == 0) {
                throw new IllegalArgumentException("no weights");
            }
            cumulative = new double[weights.length];
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i];
                cumulative[i] = sum;
            }
        }

        int draw(SplittableRandom random) {
            double target = random.nextDouble() * cumulative[cumulative.length - 1];
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (cumulative[middle] > target) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return low;
        }
    }
}
