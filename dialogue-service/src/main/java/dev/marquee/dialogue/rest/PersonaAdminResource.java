package dev.marquee.dialogue.rest;

import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.dialogue.persona.Persona;
import dev.marquee.dialogue.persona.Personas;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Personas for operators (admin role): read the versions in force and their history, and add a version.
 * A new version applies to the next turn of every conversation with that persona, on every instance within
 * seconds.
 */
@Path("/v1/admin/personas")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Personas (admin)")
public class PersonaAdminResource {
    private static final String ID = Patterns.PERSONA_ID;

    private final Personas personas;
    private final CurrentUser user;

    public PersonaAdminResource(Personas personas, CurrentUser user) {
        this.personas = personas;
        this.user = user;
    }

    @GET
    @Operation(summary = "Every persona in its version in force")
    public List<Persona> list() {
        return personas.all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A persona in its version in force")
    public Persona get(@PathParam("id") @Pattern(regexp = ID, message = "must be a persona id") String id) {
        return personas.find(id).orElseThrow(() -> ProblemException.notFound("persona", id));
    }

    @GET
    @Path("/{id}/versions")
    @Operation(summary = "Every version of a persona, newest first, with who made it")
    public List<Personas.Version> versions(@PathParam("id") @Pattern(regexp = ID, message = "must be a persona id")
                                           String id) {
        List<Personas.Version> versions = personas.versions(id);
        if (versions.isEmpty()) {
            throw ProblemException.notFound("persona", id);
        }
        return versions;
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add the next version of a persona (or create it); the body's version is ignored")
    public Persona put(@PathParam("id") @Pattern(regexp = ID, message = "must be a persona id") String id,
                       @NotNull Persona persona) {
        return personas.save(id, persona, user.id());
    }
}
