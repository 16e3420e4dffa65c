package dev.marquee.dialogue.privacy;

import dev.marquee.dialogue.catalog.CatalogIndex;
import dev.marquee.dialogue.persona.Personas;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.Set;

/**
 * Makes the redactor for text that leaves dialogue-service (handoff events, training exports): it spares the
 * catalog's title and cast names and the personas' names, which look like people's names but are not the user's.
 */
@ApplicationScoped
public class Redactors {
    private final CatalogIndex index;
    private final Personas personas;

    public Redactors(CatalogIndex index, Personas personas) {
        this.index = index;
        this.personas = personas;
    }

    /** A redactor for the current catalog and personas. */
    public PiiRedactor current() {
        Set<String> spared = new HashSet<>(index.names());
        personas.all().forEach(p -> spared.add(p.name()));
        return new PiiRedactor(spared);
    }
}
