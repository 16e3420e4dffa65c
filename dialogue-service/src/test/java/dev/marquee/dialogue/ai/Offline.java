package dev.marquee.dialogue.ai;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.marquee.dialogue.catalog.CatalogIndex;
import dev.marquee.dialogue.catalog.CatalogTitle;
import dev.marquee.dialogue.persona.Persona;
import dev.marquee.infra.ProjectRoot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline responder's parts without a running service, over the demo catalog: for evaluations that need
 * the real embedding model but no HTTP or database. Built once per test JVM (the model takes a second to load).
 */
public final class Offline {
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    public static final Embeddings EMBEDDINGS = new Embeddings(new SimpleMeterRegistry(), 4096);
    public static final CatalogIndex INDEX = index();
    public static final IntentClassifier CLASSIFIER = new IntentClassifier(EMBEDDINGS);
    public static final OfflineResponder RESPONDER = new OfflineResponder(CLASSIFIER, INDEX, null, null);

    private Offline() {
    }

    private static CatalogIndex index() {
        try {
            List<CatalogTitle> titles = new ArrayList<>();
            for (String line : Files.readAllLines(ProjectRoot.find()
                    .resolve("recommendation-service/src/main/resources/catalog/demo-catalog.jsonl"))) {
                if (!line.isBlank()) {
                    titles.add(JSON.readValue(line, CatalogTitle.class));
                }
            }
            CatalogIndex index = new CatalogIndex(null, EMBEDDINGS, null);
            index.index(titles);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Persona persona(String id) {
        try (InputStream in = Offline.class.getClassLoader().getResourceAsStream("personas/" + id + ".json")) {
            return JSON.readValue(in, Persona.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
