package dev.marquee.analytics.streams;

import java.time.Duration;

/** The window sizes every aggregate is kept in, aligned to UTC. */
enum Granularity {
    HOUR("hour", Duration.ofHours(1)),
    DAY("day", Duration.ofDays(1));

    private final String wireName;
    private final Duration size;

    Granularity(String wireName, Duration size) {
        this.wireName = wireName;
        this.size = size;
    }

    String wireName() {
        return wireName;
    }

    Duration size() {
        return size;
    }

    /** Start of the window an event time falls in. */
    long windowStart(long timestamp) {
        return timestamp - Math.floorMod(timestamp, size.toMillis());
    }

    static Granularity fromWireName(String value) {
        for (Granularity g : values()) {
            if (g.wireName.equals(value)) {
                return g;
            }
        }
        throw new IllegalArgumentException("granularity must be hour or day, not '" + value + "'");
    }
}
