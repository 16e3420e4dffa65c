package dev.marquee.deploy;

import java.util.Locale;

/** The five services of the suite, with their default local ports and whether they own a database. */
public enum Service {
    GATEWAY(8080, false),
    DIALOGUE(8081, true),
    RECOMMENDATION(8082, true),
    ANALYTICS(8083, false),
    PRIVACY(8084, true);

    private final int defaultPort;
    private final boolean ownsDatabase;

    Service(int defaultPort, boolean ownsDatabase) {
        this.defaultPort = defaultPort;
        this.ownsDatabase = ownsDatabase;
    }

    /** The short name, e.g. {@code dialogue}: REST client keys and database suffixes use it. */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The module and application name, e.g. {@code dialogue-service}. */
    public String moduleName() {
        return shortName() + "-service";
    }

    public int defaultPort() {
        return defaultPort;
    }

    public boolean ownsDatabase() {
        return ownsDatabase;
    }
}
