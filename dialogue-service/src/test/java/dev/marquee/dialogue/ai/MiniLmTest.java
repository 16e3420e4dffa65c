package dev.marquee.dialogue.ai;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tuned int8 session gives LangChain4j's own vectors for its quantized model, and a text's vector does not
 * depend on what else is being embedded at the same time (dynamic quantization would make it so in a shared batch).
 */
class MiniLmTest {
    private static final EmbeddingModel LIBRARY = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private static MiniLm model;
    private static List<String> utterances;

    @BeforeAll
    static void load() throws IOException {
        model = new MiniLm();
        try (InputStream in = MiniLmTest.class.getClassLoader()
                .getResourceAsStream("intents/labelled-utterances.tsv")) {
            utterances = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.substring(l.indexOf('\t') + 1))
                    .toList();
        }
        assertThat(utterances).hasSizeGreaterThan(200);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aListGivesTheLibrarysVectors() {
        // The labelled utterances run from two words to long rambles, emoji and typos.
        List<float[]> vectors = model.embedAll(utterances);
        for (int i = 0; i < utterances.size(); i++) {
            assertThat(Embeddings.cosine(vectors.get(i), reference(utterances.get(i))))
                    .as(utterances.get(i)).isGreaterThan(0.99999);
            assertThat(Embeddings.cosine(vectors.get(i), vectors.get(i))).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void concurrentTextsEachGetTheVectorTheyGetAlone() throws Exception {
        List<String> texts = utterances.subList(0, 96);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<float[]>> vectors = new ArrayList<>();
            for (String text : texts) {
                vectors.add(threads.submit(() -> model.embed(text)));
            }
            for (int i = 0; i < texts.size(); i++) {
                assertThat(Embeddings.cosine(vectors.get(i).get(), reference(texts.get(i)))).as(texts.get(i))
                        .isGreaterThan(0.99999);
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void aTextLongerThanTheNetworkTakesIsAveragedOverItsPiecesAsTheLibraryDoes() {
        String longText = String.join(" ", utterances.subList(0, 150));
        assertThat(Embeddings.cosine(model.embed(longText), reference(longText))).isGreaterThan(0.99999);
    }

    private static float[] reference(String text) {
        return LIBRARY.embed(text).content().vector();
    }
}
