package dev.marquee.privacy.rest;

import dev.marquee.commons.rest.ListPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.privacy.ConsentChange;
import dev.marquee.privacy.ConsentState;
import dev.marquee.privacy.config.PrivacyConfig;
import dev.marquee.privacy.service.ConsentService;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The calling user's consent per purpose, in the brand of their token (each brand is asked separately). */
@Path("/v1/consent")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consent")
public class ConsentResource {
    private final ConsentService consents;
    private final CurrentUser user;
    private final PrivacyConfig config;

    public ConsentResource(ConsentService consents, CurrentUser user, PrivacyConfig config) {
        this.consents = consents;
        this.user = user;
        this.config = config;
    }

    /**
     * Decisions to record.
     *
     * @param purposes      purpose (personalization, analytics, model_improvement, marketing) to granted
     * @param policyVersion the policy version the user saw; defaults to the current one
     * @param source        where the decision was made, e.g. web-privacy-page
     */
    public record ConsentUpdate(@NotEmpty Map<@NotNull String, @NotNull Boolean> purposes,
                                @Pattern(regexp = "[A-Za-z0-9._-]{1,32}") String policyVersion,
                                @Pattern(regexp = "[a-z0-9-]{1,64}") String source) {
    }

    /** The user's current consent in a brand. */
    public record ConsentView(String brand, Map<String, Boolean> purposes, String policyVersion, long version,
                              Instant updatedAt) {
        static ConsentView of(ConsentState s) {
            return new ConsentView(s.brand, s.purposes, s.policyVersion, s.version, s.updatedAt);
        }
    }

    /** One change in the user's consent history. */
    public record ChangeView(String brand, String purpose, boolean granted, String policyVersion, String source,
                             long version, Instant recordedAt) {
    }

    @GET
    @Operation(summary = "The caller's current consent in the brand of their token; nothing is granted in a brand "
            + "until the user decides there")
    public ConsentView get() {
        return ConsentView.of(consents.current(user.id(), user.brand()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant or withdraw consent per purpose in the brand of the caller's token; purposes not "
            + "mentioned keep their value, and other brands are not touched")
    public ConsentView put(@Valid @NotNull ConsentUpdate update) {
        Map<ConsentPurpose, Boolean> decisions = new EnumMap<>(ConsentPurpose.class);
        update.purposes().forEach((name, granted) -> {
            try {
                decisions.put(ConsentPurpose.fromWireName(name), granted);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("unknown purpose '" + name + "'; purposes are personalization, "
                        + "analytics, model_improvement and marketing");
            }
        });
        String policy = update.policyVersion() == null ? config.consent().policyVersion() : update.policyVersion();
        String source = update.source() == null ? "api" : update.source();
        return ConsentView.of(consents.change(user.id(), user.brand(), decisions, policy, source));
    }

    @GET
    @Path("/brands")
    @Operation(summary = "The caller's current consent in every brand they decided in, by brand")
    public List<ConsentView> everyBrand() {
        return ConsentState.everyBrand(user.id()).stream().map(ConsentView::of).toList();
    }

    @GET
    @Path("/history")
    @Operation(summary = "Every change the caller made to their consent, in every brand, oldest first")
    public ListPage<ChangeView> history(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue(ListPage.DEFAULT_SIZE) @Min(1) @Max(ListPage.MAX_SIZE) int size) {
        var query = ConsentChange.<ConsentChange>find("userId", Sort.ascending("id"), user.id());
        return new ListPage<>(query.page(page, size).<ConsentChange>list().stream()
                .map(c -> new ChangeView(c.brand, c.purpose, c.granted, c.policyVersion, c.source, c.version,
                        c.recordedAt))
                .toList(), page, size, query.count());
    }
}
