package dev.marquee.dialogue.ai;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingsTest {

    @Test
    void theModelIsUncasedSoCaseAndSpacingMakeOneText() {
        // embed() keys texts by their lower-cased, single-spaced form; that is only right if the model agrees.
        List<float[]> both = Offline.EMBEDDINGS.embedAll(List.of("Space Opera  with ROBOTS", "space opera with robots"));
        assertThat(Embeddings.cosine(both.get(0), both.get(1))).isGreaterThan(0.9999);
        assertThat(Embeddings.cosine(Offline.EMBEDDINGS.embed("Space Opera  with ROBOTS"), both.get(1)))
                .isGreaterThan(0.9999);
    }

    @Test
    void withinATurnATextIsEmbeddedOnceEvenWithoutACache() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Embeddings uncached = new Embeddings(registry, 0);
        double before = registry.counter("marquee.dialogue.embeddings", "cache", "miss").count();
        try (Embeddings.Scope turn = uncached.turn()) {
            float[] first = uncached.embed("Show me a comedy");
            assertThat(uncached.embed("show me  a comedy ")).isSameAs(first);
        }
        assertThat(registry.counter("marquee.dialogue.embeddings", "cache", "miss").count() - before).isEqualTo(1);
        uncached.embed("show me a comedy");
        assertThat(registry.counter("marquee.dialogue.embeddings", "cache", "miss").count() - before).isEqualTo(2);
    }

    @Test
    void cosineOfUnitVectorsIsTheirDotProduct() {
        float[] a = {0.6f, 0.8f, 0, 0, 0};
        float[] b = {0.8f, 0.6f, 0, 0, 0};
        assertThat(Embeddings.cosine(a, b)).isCloseTo(0.96, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Embeddings.cosine(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }
}
