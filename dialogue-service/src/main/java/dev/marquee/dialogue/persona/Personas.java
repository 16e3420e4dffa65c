package dev.marquee.dialogue.persona;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.dialogue.config.DialogueConfig;
import dev.marquee.dialogue.llm.ModelCatalog;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The personas this service speaks with. PostgreSQL holds every version; the files named in configuration are
 * stored at start when they are newer than what is stored, and the admin API adds versions. Each instance keeps
 * the versions in force in memory and reloads them every few seconds, so a change reaches every instance.
 */
@ApplicationScoped
public class Personas {
    private static final Logger LOG = Logger.getLogger(Personas.class);
    private static final Duration RELOAD = Duration.ofSeconds(5);

    private final ObjectMapper mapper;
    private final DialogueConfig config;
    private final AgroalDataSource dataSource;
    private final ModelCatalog models;
    private volatile Map<String, Persona> current = Map.of();
    private volatile Instant loaded = Instant.EPOCH;

    public Personas(ObjectMapper mapper, DialogueConfig config, AgroalDataSource dataSource, ModelCatalog models) {
        this.mapper = mapper;
        this.config = config;
        this.dataSource = dataSource;
        this.models = models;
    }

    /** A stored version with who made it. */
    public record Version(Persona persona, String source, String createdBy, Instant createdAt) {
    }

    void load(@Observes StartupEvent event) {
        for (String id : config.personas()) {
            Persona persona = readFile(id);
            storeFileVersion(persona);
        }
        reload();
        if (!current.containsKey(config.defaultPersona())) {
            throw new IllegalStateException("the default persona " + config.defaultPersona() + " is not loaded");
        }
    }

    private Persona readFile(String id) {
        String resource = "personas/" + id + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("persona file " + resource + " is missing");
            }
            Persona persona = mapper.readValue(in, Persona.class);
            List<String> problems = new ArrayList<>(persona.problems(models.names()));
            if (!id.equals(persona.id())) {
                problems.add("its id is " + persona.id() + ", expected " + id);
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(resource + " is invalid: " + String.join("; ", problems));
            }
            return persona;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Stores a file's persona unless the same or a later version is stored already. */
    private void storeFileVersion(Persona persona) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            lock(c, persona.id());
            int stored = latestVersion(c, persona.id());
            if (stored < persona.version()) {
                insert(c, persona, "file", "file:personas/" + persona.id() + ".json");
                LOG.infof("persona %s stored from its file", persona.ref());
            } else if (stored > persona.version()) {
                LOG.infof("persona %s: version %d from the admin API stays in force over the file's", persona.id(),
                        stored);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store persona " + persona.ref(), e);
        }
    }

    /** Adds the next version of a persona, validated; 400 with every problem when it is invalid. */
    @Transactional
    public Persona save(String id, Persona proposed, String adminId) {
        try (Connection c = dataSource.getConnection()) {
            lock(c, id);
            Persona next = new Persona(id, latestVersion(c, id) + 1, proposed.brand(), proposed.brandDefault(),
                    proposed.name(), proposed.language(), proposed.voice(), proposed.systemPrompt(),
                    proposed.greeting(), proposed.model(), proposed.allowedTopics(), proposed.ageRatingCap(),
                    proposed.blockedTerms() == null ? List.of() : proposed.blockedTerms(), proposed.templates(),
                    proposed.quickReplies() == null ? List.of() : proposed.quickReplies());
            List<String> problems = next.problems(models.names());
            if (!problems.isEmpty()) {
                throw ProblemException.badRequest("The persona is invalid: " + String.join("; ", problems) + ".");
            }
            insert(c, next, "admin", adminId);
            loaded = Instant.EPOCH;
            return next;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store persona " + id, e);
        }
    }

    /** Every stored version of a persona, newest first; empty when there is no such persona. */
    public List<Version> versions(String id) {
        String sql = "SELECT document, source, created_by, created_at FROM persona_version WHERE id = ? "
                + "ORDER BY version DESC";
        List<Version> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(new Version(parse(rs.getString(1)), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read persona " + id, e);
        }
    }

    /** The versions in force, by id. */
    public List<Persona> all() {
        return current().values().stream().sorted(Comparator.comparing(Persona::id)).toList();
    }

    public Optional<Persona> find(String id) {
        return Optional.ofNullable(current().get(id));
    }

    /** The persona in force for an id; the default persona when the id is no longer known. */
    public Persona get(String id) {
        Persona persona = current().get(id);
        return persona != null ? persona : defaultPersona();
    }

    /** The persona new conversations of a brand start with. */
    public Persona forBrand(String brand) {
        return current().values().stream()
                .filter(p -> p.brand().equals(brand) && p.brandDefault())
                .min(Comparator.comparing(Persona::id))
                .orElseGet(this::defaultPersona);
    }

    public Persona defaultPersona() {
        return current().get(config.defaultPersona());
    }

    private Map<String, Persona> current() {
        if (Instant.now().isAfter(loaded.plus(RELOAD))) {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warnf("personas not reloaded, keeping the last known versions: %s", e.getMessage());
            }
        }
        return current;
    }

    private synchronized void reload() {
        String sql = "SELECT DISTINCT ON (id) document FROM persona_version ORDER BY id, version DESC";
        Map<String, Persona> fresh = new ConcurrentHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Persona persona = parse(rs.getString(1));
                fresh.put(persona.id(), persona);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load personas", e);
        }
        current = Map.copyOf(fresh);
        loaded = Instant.now();
    }

    private static void lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock("
                + dev.marquee.outbox.Locks.PERSONA_SPACE + ", hashtext(?))")) {
            ps.setString(1, id);
            ps.execute();
        }
    }

    private static int latestVersion(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(max(version), 0) FROM persona_version WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void insert(Connection c, Persona persona, String source, String createdBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO persona_version "
                + "(id, version, brand, document, source, created_by, created_at) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)")) {
            ps.setString(1, persona.id());
            ps.setInt(2, persona.version());
            ps.setString(3, persona.brand());
            ps.setString(4, mapper.writeValueAsString(persona));
            ps.setString(5, source);
            ps.setString(6, createdBy);
            ps.setTimestamp(7, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Persona parse(String json) {
        try {
            return mapper.readValue(json, Persona.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored persona cannot be read: " + e.getMessage(), e);
        }
    }
}
