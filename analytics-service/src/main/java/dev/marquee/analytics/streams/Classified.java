package dev.marquee.analytics.streams;

/**
 * An input record after validation: the metric it counts towards, or why it was rejected.
 *
 * @param metric  metric name, e.g. {@code interactions.play}; null when rejected
 * @param problem why the record was rejected; null when valid
 * @param raw     the original value, kept for the dead-letter topic
 */
record Classified(String metric, String problem, String raw) {
    boolean valid() {
        return problem == null;
    }
}
