package dev.marquee.commons.security;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.problem.Problems;
import dev.marquee.commons.rest.Patterns;
import io.quarkus.oidc.runtime.OidcConfig;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The caller of the current request as the verified bearer token says: its subject is the pseudonymous
 * user id everywhere in Marquee. Never take a user id from a request body or path.
 */
@RequestScoped
public class CurrentUser {
    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    @Inject
    BrandConfig brands;

    @Inject
    OidcConfig oidc;

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
    private static final Pattern BRAND = Pattern.compile(Patterns.BRAND);

    /**
     * The brand (tenant) the user came through, checked against what the deployment serves:
     * <ul>
     * <li>a token from a brand's own issuer (an OIDC tenant named after the brand, resolved by the token's
     * issuer) belongs to that brand; a {@code brand} claim naming another brand gets 403;</li>
     * <li>a token from the default issuer belongs to its {@code brand} claim, or to the default brand without
     * one; the claim must name the default brand or one of {@code marquee.brand.served}, and never a brand that
     * has an issuer of its own (that issuer alone signs its users in).</li>
     * </ul>
     * A claim that is no brand name (lower-case letters, digits and hyphens, at most 64) gets 403 too, since
     * nothing downstream could store it.
     */
    public String brand() {
        id();
        String claim = token.getClaim("brand");
        boolean claimed = claim != null && !claim.isBlank();
        if (claimed && !BRAND.matcher(claim).matches()) {
            throw forbidden("the token's brand claim is not a brand name (lower-case letters, digits and hyphens, "
                    + "at most 64)");
        }
        String tenant = identity == null ? null : identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE);
        if (tenant != null && !OidcUtils.DEFAULT_TENANT_ID.equals(tenant)) {
            if (claimed && !claim.equals(tenant)) {
                throw forbidden("the token comes from the issuer of brand '" + tenant + "' but claims brand '"
                        + claim + "'");
            }
            return tenant;
        }
        String brand = claimed ? claim : brands.defaultBrand();
        if (ownIssuers().contains(brand)) {
            throw forbidden("brand '" + brand + "' signs its users in through its own issuer, not this one");
        }
        if (!brand.equals(brands.defaultBrand()) && !brands.served().orElse(Set.of()).contains(brand)) {
            throw forbidden("this deployment does not serve brand '" + brand + "'");
        }
        return brand;
    }

    /** The brands with an issuer of their own: the named OIDC tenants. */
    private Set<String> ownIssuers() {
        return oidc.namedTenants().keySet().stream()
                .filter(name -> !OidcConfig.DEFAULT_TENANT_KEY.equals(name))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(Problems.forStatus(403, detail));
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
