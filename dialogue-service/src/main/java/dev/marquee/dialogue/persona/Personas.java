package dev.marquee.dialogue.persona;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.dialogue.config.DialogueConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The personas this service speaks with, loaded from their files at start. */
@ApplicationScoped
public class Personas {
    private static final List<String> REQUIRED_TEMPLATES = List.of("recommend", "genre", "details",
            "detailsNotFound", "noResults", "help", "handoff", "outOfScope", "catalogUnavailable");

    private final ObjectMapper mapper;
    private final DialogueConfig config;
    private final Map<String, Persona> byId = new ConcurrentHashMap<>();

    public Personas(ObjectMapper mapper, DialogueConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    void load(@Observes StartupEvent event) {
        for (String id : config.personas()) {
            String resource = "personas/" + id + ".json";
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("persona file " + resource + " is missing");
                }
                Persona persona = mapper.readValue(in, Persona.class);
                List<String> missing = REQUIRED_TEMPLATES.stream()
                        .filter(t -> !persona.templates().containsKey(t)).toList();
                if (!persona.id().equals(id) || !missing.isEmpty()) {
                    throw new IllegalStateException(resource + " is invalid: id " + persona.id()
                            + ", missing templates " + missing);
                }
                byId.put(id, persona);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        if (!byId.containsKey(config.defaultPersona())) {
            throw new IllegalStateException("the default persona " + config.defaultPersona() + " is not loaded");
        }
    }

    public Persona get(String id) {
        Persona persona = byId.get(id);
        return persona != null ? persona : byId.get(config.defaultPersona());
    }

    public Persona defaultPersona() {
        return byId.get(config.defaultPersona());
    }
}
