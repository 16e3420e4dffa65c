package dev.marquee.gateway.downstream;

/**
 * A circuit breaker for one internal service: after {@code threshold} failed calls in a row the gateway stops
 * calling it for {@code openNanos} and answers 503 at once; then one trial call goes through, and its outcome
 * closes the breaker or opens it again. Thread-safe.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openNanos;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;

    CircuitBreaker(int threshold, long openNanos) {
        this.threshold = threshold;
        this.openNanos = openNanos;
    }

    /** 0 when a call may go out now (the trial call of a half-open breaker included), else nanos to wait. */
    synchronized long waitBeforeCalling(long now) {
        switch (state) {
            case CLOSED:
                return 0;
            case OPEN:
                long left = openedAt + openNanos - now;
                if (left > 0) {
                    return left;
                }
                state = State.HALF_OPEN;
                return 0;
            default:
                // A trial call is out: the others are refused until its outcome is known.
                return openNanos;
        }
    }

    synchronized void succeeded() {
        state = State.CLOSED;
        failures = 0;
    }

    synchronized void failed(long now) {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = now;
        }
    }

    synchronized State state() {
        return state;
    }
}
