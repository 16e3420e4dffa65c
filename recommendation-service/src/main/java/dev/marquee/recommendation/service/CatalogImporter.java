package dev.marquee.recommendation.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.recommendation.Title;
import dev.marquee.recommendation.config.RecommendationConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Loads catalog files (JSON Lines, one {@link CatalogEntry} per line): all lines or none. */
@ApplicationScoped
public class CatalogImporter {
    private static final Logger LOG = Logger.getLogger(CatalogImporter.class);

    private final ObjectMapper mapper;
    private final Validator validator;
    private final RecommendationConfig config;

    public CatalogImporter(ObjectMapper mapper, Validator validator, RecommendationConfig config) {
        this.mapper = mapper;
        this.validator = validator;
        this.config = config;
    }

    @Transactional
    void importDemoCatalog(@Observes StartupEvent event) {
        if (!config.catalog().importDemo() || Title.count() > 0) {
            return;
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(config.catalog().demoResource())) {
            if (in == null) {
                throw new IllegalStateException("demo catalog " + config.catalog().demoResource() + " is missing");
            }
            int count = importLines(in);
            LOG.infof("imported the demo catalog: %d titles", count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and validates every line, then upserts them all in the caller's transaction; the first invalid
     * line aborts the import with its line number.
     */
    @Transactional
    public int importLines(InputStream in) throws IOException {
        List<CatalogEntry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                CatalogEntry entry;
                try {
                    entry = mapper.readValue(line, CatalogEntry.class);
                } catch (IOException e) {
                    throw new IllegalArgumentException("line " + number + " is not a catalog entry: " + e.getMessage());
                }
                Set<ConstraintViolation<CatalogEntry>> violations = validator.validate(entry);
                if (!violations.isEmpty()) {
                    throw new IllegalArgumentException("line " + number + " is invalid: " + violations.stream()
                            .map(v -> v.getPropertyPath() + " " + v.getMessage())
                            .sorted()
                            .collect(Collectors.joining(", ")));
                }
                entries.add(entry);
            }
        }
        Instant now = Instant.now();
        for (CatalogEntry entry : entries) {
            Title.getEntityManager().merge(entry.toTitle(now));
        }
        return entries.size();
    }
}
