package dev.marquee.commons.security;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.problem.Problems;
import dev.marquee.commons.rest.Patterns;
import io.quarkus.oidc.runtime.OidcConfig;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides the brand (tenant) of a verified token, checked against what the deployment serves:
 * <ul>
 * <li>a token from a brand's own issuer (an OIDC tenant named after the brand, picked by the token's issuer)
 * belongs to that brand; a {@code brand} claim naming another brand gets 403;</li>
 * <li>a token from the default issuer belongs to its {@code brand} claim, or to the default brand without one; the
 * claim must name the default brand or one of {@code marquee.brand.served}, and never a brand that has an issuer of
 * its own (that issuer alone signs its users in).</li>
 * </ul>
 * A claim that is no brand name (lower-case letters, digits and hyphens, at most 64) gets 403 too, since nothing
 * downstream could store it. What is configured is read once, at start.
 */
@ApplicationScoped
public class BrandResolver {
    private static final Pattern BRAND = Pattern.compile(Patterns.BRAND);

    private final String defaultBrand;
    private final Set<String> served;
    private final Set<String> ownIssuers;

    public BrandResolver(BrandConfig brands, OidcConfig oidc) {
        this.defaultBrand = brands.defaultBrand();
        this.served = Set.copyOf(brands.served().orElse(Set.of()));
        this.ownIssuers = oidc.namedTenants().keySet().stream()
                .filter(name -> !OidcConfig.DEFAULT_TENANT_KEY.equals(name))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The token's {@code brand} claim as text; a claim that is no string (a number, a list) is no brand name. */
    public static String claimOf(Object token) {
        Object value = token instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt ? jwt.getClaim("brand") : null;
        return value == null || value instanceof String ? (String) value : "(" + value.getClass().getSimpleName() + ")";
    }

    /**
     * @param identity the verified caller
     * @param claim    the token's {@code brand} claim ({@link #claimOf}), or null
     * @throws ProblemException 403 when the token may not speak for the brand it names
     */
    public String brandOf(SecurityIdentity identity, String claim) {
        boolean claimed = claim != null && !claim.isBlank();
        if (claimed && !BRAND.matcher(claim).matches()) {
            throw forbidden("the token's brand claim is not a brand name (lower-case letters, digits and hyphens, "
                    + "at most 64)");
        }
        String tenant = identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE);
        if (tenant != null && !OidcUtils.DEFAULT_TENANT_ID.equals(tenant)) {
            if (claimed && !claim.equals(tenant)) {
                throw forbidden("the token comes from the issuer of brand '" + tenant + "' but claims brand '"
                        + claim + "'");
            }
            return tenant;
        }
        String brand = claimed ? claim : defaultBrand;
        if (ownIssuers.contains(brand)) {
            throw forbidden("brand '" + brand + "' signs its users in through its own issuer, not this one");
        }
        if (!brand.equals(defaultBrand) && !served.contains(brand)) {
            throw forbidden("this deployment does not serve brand '" + brand + "'");
        }
        return brand;
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(Problems.forStatus(403, detail));
    }
}
