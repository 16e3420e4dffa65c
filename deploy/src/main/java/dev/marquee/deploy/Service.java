package dev.marquee.deploy;

import java.util.Locale;

/**
 * The five services of the suite, with their default local ports, whether they own a database and the heap
 * their JVM gets in the local stack.
 */
public enum Service {
    GATEWAY(8080, false, 256),
    /** Holds the in-process embedding model (ONNX weights, tokenizer) and the catalog index. */
    DIALOGUE(8081, true, 768),
    /** Holds the embedding model too (content vectors of titles) and the in-memory recommender. */
    RECOMMENDATION(8082, true, 768),
    ANALYTICS(8083, false, 256),
    PRIVACY(8084, true, 256);

    private final int defaultPort;
    private final boolean ownsDatabase;
    private final int heapMb;

    Service(int defaultPort, boolean ownsDatabase, int heapMb) {
        this.defaultPort = defaultPort;
        this.ownsDatabase = ownsDatabase;
        this.heapMb = heapMb;
    }

    /** Maximum heap of the service's JVM in the local stack, in MiB. */
    public int heapMb() {
        return heapMb;
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
