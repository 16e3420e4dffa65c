package dev.marquee.gateway.protection;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets by key: each holds up to {@code burst} requests and refills at {@code perMinute}. A key's bucket
 * exists only while it is not full again, so idle clients cost nothing and leave nothing behind: a sweep (at most
 * once per refill period, run by whichever call comes first) removes full buckets. Thread-safe.
 */
final class TokenBuckets {
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double tokensPerNano;
    private final int burst;
    private final long refillNanos;
    private final AtomicLong nextSweep;

    /** Whether a request may pass and, if not, how long until it could. */
    record Decision(boolean allowed, long retryAfterNanos, int remaining) {
    }

    /** A bucket's state, for the user's data export. */
    record State(int remaining, int burst, long fullInNanos) {
    }

    TokenBuckets(int perMinute, int burst, long now) {
        if (perMinute <= 0 || burst <= 0) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and burst");
        }
        this.tokensPerNano = perMinute / 60e9;
        this.burst = burst;
        this.refillNanos = (long) Math.ceil(burst / tokensPerNano);
        this.nextSweep = new AtomicLong(now + refillNanos);
    }

    Decision take(String key, long now) {
        sweepIfDue(now);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now, tokensPerNano, burst);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Decision(true, 0, (int) bucket.tokens);
            }
            return new Decision(false, (long) Math.ceil((1 - bucket.tokens) / tokensPerNano), 0);
        }
    }

    /** Forgets a key's bucket; whether there was one. */
    boolean forget(String key) {
        return buckets.remove(key) != null;
    }

    /** A key's bucket as it is now, or null when the key has none (it is full or was never used). */
    State state(String key, long now) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return null;
        }
        synchronized (bucket) {
            bucket.refill(now, tokensPerNano, burst);
            return new State((int) bucket.tokens, burst, (long) Math.ceil((burst - bucket.tokens) / tokensPerNano));
        }
    }

    int size() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + refillNanos)) {
            return;
        }
        buckets.forEach((key, bucket) -> {
            synchronized (bucket) {
                bucket.refill(now, tokensPerNano, burst);
                if (bucket.tokens >= burst) {
                    buckets.remove(key, bucket);
                }
            }
        });
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.updatedAt = now;
        }

        void refill(long now, double tokensPerNano, int burst) {
            if (now - updatedAt > 0) {
                tokens = Math.min(burst, tokens + (now - updatedAt) * tokensPerNano);
                updatedAt = now;
            }
        }
    }
}
