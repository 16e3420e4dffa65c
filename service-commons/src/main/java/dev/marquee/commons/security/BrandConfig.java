package dev.marquee.commons.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.util.Optional;
import java.util.Set;

/**
 * The brands (tenants) a deployment serves, shared by every service ({@code marquee.brand.*}).
 * <p>
 * A brand either shares the default OIDC issuer, naming itself in the token's {@code brand} claim, or signs its
 * users in through an issuer of its own: an OIDC tenant named after the brand ({@code quarkus.oidc.<brand>.*}),
 * resolved per request from the token's issuer.
 */
@ConfigMapping(prefix = "marquee.brand")
public interface BrandConfig {
    /** The brand of a token from the default issuer without a {@code brand} claim. */
    @WithName("default")
    String defaultBrand();

    /**
     * The brands that share the default issuer and may be named in its tokens' {@code brand} claim, besides the
     * default brand. A brand with an issuer of its own need not be listed: its tokens come only from that issuer.
     */
    Optional<Set<String>> served();
}
