package dev.marquee.dialogue.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Configuration of dialogue-service ({@code marquee.dialogue.*}). */
@ConfigMapping(prefix = "marquee.dialogue")
public interface DialogueConfig {
    /** Persona of new conversations. */
    @WithDefault("marquee-host")
    String defaultPersona();

    /** Personas to load at start, each from {@code personas/<id>.json} on the class path. */
    List<String> personas();

    /** Content cards per reply at most. */
    @WithDefault("3")
    int maxCards();
}
