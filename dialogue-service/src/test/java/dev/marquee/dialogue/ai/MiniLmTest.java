package dev.marquee.dialogue.ai;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The batched model gives LangChain4j's vectors, whether texts come one at a time, together or in a list. */
class MiniLmTest {
    private static final EmbeddingModel LIBRARY = new AllMiniLmL6V2EmbeddingModel();
    private static final AtomicInteger BATCHES = new AtomicInteger();
    private static final AtomicLong BATCHED_TEXTS = new AtomicLong();
    private static MiniLm model;
    private static List<String> utterances;

    @BeforeAll
    static void load() throws IOException {
        model = new MiniLm(1, java.time.Duration.ZERO, size -> {
            BATCHES.incrementAndGet();
            BATCHED_TEXTS.addAndGet(size);
        });
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
    void aListEmbeddedInPaddedBatchesGivesTheLibrarysVectors() {
        // The labelled utterances run from two words to long rambles, emoji and typos: batches pad a lot.
        List<float[]> batched = model.embedAll(utterances);
        for (int i = 0; i < utterances.size(); i++) {
            assertThat(Embeddings.cosine(batched.get(i), reference(utterances.get(i))))
                    .as(utterances.get(i)).isGreaterThan(0.99999);
            assertThat(Embeddings.cosine(batched.get(i), batched.get(i))).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void concurrentTextsAreEmbeddedTogetherAndEachGetsItsOwnVector() throws Exception {
        int before = BATCHES.get();
        long textsBefore = BATCHED_TEXTS.get();
        List<String> texts = utterances.subList(0, 64);
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
        // Every text went through exactly one batch of the model's thread.
        assertThat(BATCHED_TEXTS.get() - textsBefore).isEqualTo(texts.size());
        assertThat(BATCHES.get() - before).isBetween(1, texts.size());
    }

    @Test
    void withALingerTextsArrivingCloseTogetherShareBatches() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        List<String> texts = utterances.subList(64, 96);
        try (MiniLm lingering = new MiniLm(1, java.time.Duration.ofMillis(50), size -> batches.incrementAndGet())) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<float[]>> vectors = new ArrayList<>();
                for (String text : texts) {
                    vectors.add(threads.submit(() -> lingering.embed(text)));
                }
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(Embeddings.cosine(vectors.get(i).get(), reference(texts.get(i)))).as(texts.get(i))
                            .isGreaterThan(0.99999);
                }
            } finally {
                threads.shutdown();
            }
        }
        // Eight threads each waiting on one text: a 50 ms linger gathers several of them into each run.
        assertThat(batches.get()).isLessThan(texts.size());
    }

    @Test
    void aTextLongerThanTheNetworkTakesIsAveragedOverItsPiecesAsTheLibraryDoes() {
        String longText = String.join(" ", utterances.subList(0, 150));
        assertThat(Embeddings.cosine(model.embed(longText), reference(longText))).isGreaterThan(0.99999);
        assertThat(Embeddings.cosine(model.embedAll(List.of("hi", longText)).get(1), reference(longText)))
                .isGreaterThan(0.99999);
    }

    private static float[] reference(String text) {
        return LIBRARY.embed(text).content().vector();
    }
}
