package dev.marquee.commons.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.regex.Pattern;

/**
 * The caller of the current request as the verified bearer token says: its subject is the pseudonymous
 * user id everywhere in Marquee. Never take a user id from a request body or path.
 */
@RequestScoped
public class CurrentUser {
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");

    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    @Inject
    BrandResolver brands;

    /** Read through a mapping, once: a {@code @ConfigProperty} here cost a configuration lookup per request. */
    @Inject
    ProfileConfig profile;

    /** The verified subject; 401 when the request carries no token. */
    public String id() {
        String subject = token == null ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("no verified token");
        }
        return subject;
    }

    /** The brand (tenant) the user came through, as {@link BrandResolver} decides it; 403 when refused. */
    public String brand() {
        id();
        return brands.brandOf(identity, BrandResolver.claimOf(token));
    }

    /**
     * The region the user is served in (ISO 3166-1 alpha-2): the token's {@code region} claim, or the
     * deployment's default region. Catalog availability is decided per region.
     */
    public String region() {
        id();
        String claim = token.getClaim("region");
        return claim == null || !REGION.matcher(claim).matches() ? profile.defaultRegion() : claim;
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
                return profile.defaultMaturityRating();
            }
        }
        return profile.defaultMaturityRating();
    }

    /** The raw bearer token, to call another Marquee service on the user's behalf. */
    public String bearerToken() {
        id();
        return token.getRawToken();
    }
}
