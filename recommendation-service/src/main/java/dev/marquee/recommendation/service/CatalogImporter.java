package dev.marquee.recommendation.service;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.marquee.recommendation.config.RecommendationConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
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
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads catalog titles from JSON Lines or CSV and upserts or deletes them, all or nothing: every line is parsed
 * and validated first, and a file with any bad line changes nothing and says which lines are wrong and why.
 */
@ApplicationScoped
public class CatalogImporter {
    private static final Logger LOG = Logger.getLogger(CatalogImporter.class);
    /** How many problems an answer lists before it stops counting. */
    private static final int MAX_PROBLEMS = 20;
    /** CSV columns; list columns (genres, tags, cast, regions) separate their values with {@code |}. */
    public static final List<String> CSV_COLUMNS = List.of("id", "kind", "name", "synopsis", "genres", "tags", "cast",
            "year", "runtimeMinutes", "ageRating", "regions", "availableFrom", "availableUntil");
    private static final Set<String> LIST_COLUMNS = Set.of("genres", "tags", "cast", "regions");

    private final ObjectMapper mapper;
    private final Validator validator;
    private final RecommendationConfig config;
    private final AgroalDataSource dataSource;

    public CatalogImporter(ObjectMapper mapper, Validator validator, RecommendationConfig config,
                           AgroalDataSource dataSource) {
        this.mapper = mapper;
        this.validator = validator;
        this.config = config;
        this.dataSource = dataSource;
    }

    /** A file that cannot be imported, with every problem found (line numbers start at 1). */
    public static final class InvalidCatalogException extends RuntimeException {
        private final List<String> problems;

        InvalidCatalogException(List<String> problems) {
            super(problems.size() + " problem(s): " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Imports the bundled demo catalogs when the catalog is empty, before the recommender loads. */
    @Transactional
    void importDemoCatalog(@Observes @Priority(1000) StartupEvent event) {
        if (!config.catalog().importDemo() || count() > 0) {
            return;
        }
        int total = 0;
        for (String resource : config.catalog().demoResources()) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("demo catalog " + resource + " is missing");
                }
                total += upsert(parseJsonLines(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        LOG.infof("imported the demo catalog: %d titles from %s", total, config.catalog().demoResources());
    }

    /** Parses JSON Lines: one {@link CatalogEntry} per line, blank lines ignored. */
    public List<CatalogEntry> parseJsonLines(InputStream in) throws IOException {
        List<CatalogEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    check(mapper.readValue(line, CatalogEntry.class), number, entries, problems);
                } catch (IOException e) {
                    problem(problems, "line " + number + " is not a catalog entry: " + firstLine(e.getMessage()));
                }
            }
        }
        return done(entries, problems);
    }

    /**
     * Parses CSV with a header row naming the columns of {@link #CSV_COLUMNS} (in any order; id, kind, name,
     * synopsis, genres, year, ageRating, regions and availableFrom are required). List columns separate values
     * with {@code |}; empty cells are absent values.
     */
    public List<CatalogEntry> parseCsv(Reader in) throws IOException {
        List<CatalogEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        CsvMapper csv = new CsvMapper();
        csv.enable(CsvParser.Feature.TRIM_SPACES);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class).with(schema).readValues(in)) {
            int number = 1;
            while (rows.hasNextValue()) {
                number++;
                Map<String, String> row;
                try {
                    row = rows.nextValue();
                } catch (RuntimeException e) {
                    problem(problems, "line " + number + " is not valid CSV: " + firstLine(e.getMessage()));
                    break;
                }
                if (number == 2) {
                    Set<String> unknown = new HashSet<>(row.keySet());
                    unknown.removeAll(CSV_COLUMNS);
                    if (!unknown.isEmpty()) {
                        problem(problems, "unknown column(s) " + unknown.stream().sorted().toList() + "; the columns are "
                                + CSV_COLUMNS);
                        break;
                    }
                }
                try {
                    check(fromCsv(row), number, entries, problems);
                } catch (IllegalArgumentException e) {
                    problem(problems, "line " + number + " is invalid: " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            problem(problems, "not valid CSV: " + firstLine(e.getMessage()));
        }
        return done(entries, problems);
    }

    private CatalogEntry fromCsv(Map<String, String> row) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            json.put(column, LIST_COLUMNS.contains(column)
                    ? Arrays.stream(value.split("\\|")).map(String::trim).filter(v -> !v.isEmpty()).toList() : value);
        });
        try {
            return mapper.convertValue(json, CatalogEntry.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(firstLine(e.getMessage()));
        }
    }

    private void check(CatalogEntry entry, int number, List<CatalogEntry> entries, List<String> problems) {
        Set<ConstraintViolation<CatalogEntry>> violations = validator.validate(entry);
        if (!violations.isEmpty()) {
            problem(problems, "line " + number + " is invalid: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining(", ")));
            return;
        }
        entries.add(entry);
    }

    private static void problem(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add("and more; fix these first");
        }
    }

    private static List<CatalogEntry> done(List<CatalogEntry> entries, List<String> problems) {
        Set<String> ids = new HashSet<>();
        for (CatalogEntry entry : entries) {
            if (!ids.add(entry.id())) {
                problem(problems, "title " + entry.id() + " appears more than once");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCatalogException(problems);
        }
        if (entries.isEmpty()) {
            throw new InvalidCatalogException(List.of("the file holds no titles"));
        }
        return entries;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Inserts or replaces titles in the caller's transaction; the number written. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int upsert(List<CatalogEntry> entries) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO title (id, kind, name, synopsis, genres, tags, cast_members, release_year, runtime_minutes,
                                   age_rating, regions, available_from, available_until, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
                    synopsis = EXCLUDED.synopsis, genres = EXCLUDED.genres, tags = EXCLUDED.tags,
                    cast_members = EXCLUDED.cast_members, release_year = EXCLUDED.release_year,
                    runtime_minutes = EXCLUDED.runtime_minutes, age_rating = EXCLUDED.age_rating,
                    regions = EXCLUDED.regions, available_from = EXCLUDED.available_from,
                    available_until = EXCLUDED.available_until, updated_at = EXCLUDED.updated_at""")) {
            int pending = 0;
            for (CatalogEntry e : entries) {
                ps.setString(1, e.id());
                ps.setString(2, e.kind().wireName());
                ps.setString(3, e.name());
                ps.setString(4, e.synopsis());
                ps.setArray(5, c.createArrayOf("text", e.genres().toArray()));
                ps.setArray(6, c.createArrayOf("text", e.tags() == null ? new Object[0] : e.tags().toArray()));
                ps.setArray(7, c.createArrayOf("text", e.cast() == null ? new Object[0] : e.cast().toArray()));
                ps.setInt(8, e.year());
                ps.setObject(9, e.runtimeMinutes());
                ps.setInt(10, e.ageRating());
                ps.setArray(11, c.createArrayOf("text", e.regions().toArray()));
                ps.setTimestamp(12, Timestamp.from(e.availableFrom()));
                ps.setTimestamp(13, e.availableUntil() == null ? null : Timestamp.from(e.availableUntil()));
                ps.setTimestamp(14, now);
                ps.addBatch();
                if (++pending == 500) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write titles", e);
        }
        return entries.size();
    }

    /** Deletes titles (and, by cascade, their interactions and vectors); the ids that existed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> delete(List<String> ids) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM title WHERE id = ANY (?) RETURNING id")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            List<String> deleted = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    deleted.add(rs.getString(1));
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete titles", e);
        }
    }

    private long count() {
        try (Connection c = dataSource.getConnection(); var rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM title")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count titles", e);
        }
    }
}
