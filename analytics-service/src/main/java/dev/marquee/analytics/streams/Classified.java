package dev.marquee.analytics.streams;

/**
 * An input record after validation: the metric it counts towards, or why it was rejected.
 *
 * @param metric  metric name, e.g. {@code interactions.play}; null when rejected
 * @param problem why the record was rejected; null when valid
 * @param raw     the original value (its bytes as they came), kept for the dead-letter topic
 * @param event   the decoded payload; null when rejected
 */
record Classified(String metric, String problem, byte[] raw, Object event) {
    Classified(String metric, String problem, byte[] raw) {
        this(metric, problem, raw, null);
    }

    boolean valid() {
        return problem == null;
    }
}
