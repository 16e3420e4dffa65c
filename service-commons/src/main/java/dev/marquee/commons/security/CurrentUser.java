package dev.marquee.commons.security;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.problem.Problems;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request as the verified bearer token says: its subject is the pseudonymous
 * user id everywhere in Marquee. Never take a user id from a request body or path.
 */
@RequestScoped
public class CurrentUser {
    @Inject
    JsonWebToken token;

    @ConfigProperty(name = "marquee.brand.default", defaultValue = "marquee")
    String defaultBrand;

    @ConfigProperty(name = "marquee.region.default", defaultValue = "US")
    String defaultRegion;

    @ConfigProperty(name = "marquee.maturity-rating.default", defaultValue = "18")
    int defaultMaturityRating;

    /** The verified subject; 401 when the request carries no token. */
    public String id() {
        String subject = token == null ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("no verified token");
        }
        return subject;
    }

    /** What a brand name may be: it keys consent, events and aggregates (the event schemas allow 64 characters). */
    private static final java.util.regex.Pattern BRAND = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /**
     * The brand (tenant) the user came through: the token's {@code brand} claim, or the deployment's default
     * brand when the issuer serves only one; 403 for a claim that is no brand name (lower-case letters, digits and
     * hyphens, at most 64), which nothing downstream could store.
     */
    public String brand() {
        id();
        String claim = token.getClaim("brand");
        if (claim == null || claim.isBlank()) {
            return defaultBrand;
        }
        if (!BRAND.matcher(claim).matches()) {
            throw new ProblemException(Problems.forStatus(403, "the token's brand claim is not a brand name "
                    + "(lower-case letters, digits and hyphens, at most 64)"));
        }
        return claim;
    }

    /**
     * The region the user is served in (ISO 3166-1 alpha-2): the token's {@code region} claim, or the
     * deployment's default region. Catalog availability is decided per region.
     */
    public String region() {
        id();
        String claim = token.getClaim("region");
        return claim == null || !claim.matches("[A-Z]{2}") ? defaultRegion : claim;
    }

    /**
     * The highest age rating this profile may be shown (0, 7, 12, 16 or 18): the token's
     * {@code maturity_rating} claim, like a streaming profile's maturity setting, or the deployment's default.
     */
    public int maturityRating() {
        id();
        Object claim = token.getClaim("maturity_rating");
        if (claim instanceof Number n) {
            return Math.max(0, Math.min(18, n.intValue()));
        }
        if (claim != null) {
            try {
                return Math.max(0, Math.min(18, Integer.parseInt(claim.toString().trim())));
            } catch (NumberFormatException e) {
                return defaultMaturityRating;
            }
        }
        return defaultMaturityRating;
    }

    /** The raw bearer token, to call another Marquee service on the user's behalf. */
    public String bearerToken() {
        id();
        return token.getRawToken();
    }
}
