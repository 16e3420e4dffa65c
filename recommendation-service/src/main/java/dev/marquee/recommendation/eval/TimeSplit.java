package dev.marquee.recommendation.eval;

import java.util.List;

/**
 * Splits a time-ordered log at one global moment, so that nothing a model trains on happened after anything it is
 * tested on (a per-user random split would leak the future into training).
 */
public final class TimeSplit {

    /** The interactions before the cutoff (train) and at or after it (test). */
    public record Split(List<LoggedInteraction> train, List<LoggedInteraction> test, long cutoffMillis) {
        public Split {
            train = List.copyOf(train);
            test = List.copyOf(test);
        }
    }

    private TimeSplit() {
    }

    /**
     * Cuts the log at the {@code trainFraction} quantile of its timestamps: the cutoff is the timestamp of the
     * interaction at index {@code floor(size * trainFraction)}; everything strictly before it trains and the rest,
     * including ties with the cutoff, tests.
     *
     * @throws IllegalArgumentException if the log is empty or not in time order, or the fraction is not in (0, 1)
     */
    public static Split byTime(List<LoggedInteraction> log, double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be between 0 and 1 (exclusive), got "
                    + trainFraction);
        }
        if (log.isEmpty()) {
            throw new IllegalArgumentException("cannot split an empty log");
        }
        for (int i = 1; i < log.size(); i++) {
            if (log.get(i).timestampMillis() < log.get(i - 1).timestampMillis()) {
                throw new IllegalArgumentException("the log is not in time order at index " + i);
            }
        }
        long cutoff = log.get((int) Math.floor(log.size() * trainFraction)).timestampMillis();
        int firstTest = 0;
        while (firstTest < log.size() && log.get(firstTest).timestampMillis() < cutoff) {
            firstTest++;
        }
        return new Split(log.subList(0, firstTest), log.subList(firstTest, log.size()), cutoff);
    }
}
