package dev.marquee.dialogue.ai;

import dev.marquee.dialogue.config.DialogueConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The in-process sentence embedding model (all-MiniLM-L6-v2 with int8 weights, 384 dimensions, ONNX weights inside
 * its jar, no download; see {@link MiniLm}) with a small cache of recent texts
 * ({@code marquee.dialogue.embedding-cache-size}): users repeat themselves and quick replies are the same words.
 * Vectors are unit length, so a dot product is the cosine similarity.
 */
@ApplicationScoped
@Startup
public class Embeddings {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final MiniLm model;
    private final int cacheSize;
    private final Map<String, float[]> cache;
    private final MeterRegistry registry;
    private final ThreadLocal<Map<String, float[]>> turn = new ThreadLocal<>();

    @Inject
    public Embeddings(MeterRegistry registry, DialogueConfig config) {
        this(registry, config.embeddingCacheSize());
    }

    /** With a cache of the given number of texts (0: none). */
    public Embeddings(MeterRegistry registry, int cacheSize) {
        this.registry = registry;
        this.cacheSize = cacheSize;
        this.model = new MiniLm();
        this.cache = new LinkedHashMap<>(Math.max(16, cacheSize), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > Embeddings.this.cacheSize;
            }
        };
        embed("warm up");
    }

    @PreDestroy
    void close() {
        model.close();
    }

    /** A turn's scope: within it, a text embedded twice on this thread is embedded once. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Opens a turn's scope on this thread (nested scopes share the outer one). */
    public Scope turn() {
        if (turn.get() != null) {
            return () -> {
            };
        }
        turn.set(new HashMap<>());
        return turn::remove;
    }

    /**
     * The unit vector of a text. The model is uncased and blind to runs of spaces, so texts that differ only in
     * case and spacing are one text here: the guardrails' raw message and the classifier's normalised one share
     * their vector.
     */
    public float[] embed(String text) {
        String key = SPACES.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        Map<String, float[]> scope = turn.get();
        float[] known = scope == null ? null : scope.get(key);
        if (known != null) {
            return known;
        }
        synchronized (cache) {
            known = cache.get(key);
        }
        if (known != null) {
            registry.counter("marquee.dialogue.embeddings", "cache", "hit").increment();
        } else {
            registry.counter("marquee.dialogue.embeddings", "cache", "miss").increment();
            known = model.embed(key);
            if (cacheSize > 0) {
                synchronized (cache) {
                    cache.put(key, known);
                }
            }
        }
        if (scope != null) {
            scope.put(key, known);
        }
        return known;
    }

    /** Unit vectors of many texts, embedded on the calling thread and not cached. */
    public List<float[]> embedAll(List<String> texts) {
        return model.embedAll(texts);
    }

    public static double cosine(float[] a, float[] b) {
        // Four independent sums: one running sum waits on each addition before the next (a catalog search does
        // thousands of these per message).
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = a.length & ~3;
        for (int i = 0; i < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (int i = n; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (double) (s0 + s1) + (s2 + s3);
    }
}
