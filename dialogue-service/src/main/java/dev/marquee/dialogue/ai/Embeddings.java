package dev.marquee.dialogue.ai;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process sentence embedding model (all-MiniLM-L6-v2, 384 dimensions, ONNX weights inside its jar, no
 * download) with a small cache of recent texts: users repeat themselves and quick replies are the same words.
 * Vectors are unit length, so a dot product is the cosine similarity.
 */
@ApplicationScoped
@Startup
public class Embeddings {
    private static final int CACHE_SIZE = 4096;

    private final EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
    private final Map<String, float[]> cache = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private final MeterRegistry registry;

    public Embeddings(MeterRegistry registry) {
        this.registry = registry;
        embed("warm up");
    }

    /** The unit vector of a text. */
    public float[] embed(String text) {
        synchronized (cache) {
            float[] cached = cache.get(text);
            if (cached != null) {
                registry.counter("marquee.dialogue.embeddings", "cache", "hit").increment();
                return cached;
            }
        }
        registry.counter("marquee.dialogue.embeddings", "cache", "miss").increment();
        float[] vector = normalise(model.embed(text).content().vector());
        synchronized (cache) {
            cache.put(text, vector);
        }
        return vector;
    }

    /** Unit vectors of many texts, embedded in one batch and not cached. */
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).map(Embeddings::normalise)
                .toList();
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

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = (float) (v[i] / norm);
        }
        return unit;
    }
}
