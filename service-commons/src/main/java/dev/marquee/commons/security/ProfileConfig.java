package dev.marquee.commons.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What a user's profile is taken to be when the token does not say ({@code marquee.profile.*}), shared by every
 * service through {@link CurrentUser}.
 */
@ConfigMapping(prefix = "marquee.profile")
public interface ProfileConfig {
    /** The region (ISO 3166-1 alpha-2) of a token without a valid {@code region} claim. */
    @WithDefault("US")
    String defaultRegion();

    /** The highest age rating (0-18) of a token without a {@code maturity_rating} claim. */
    @WithDefault("18")
    int defaultMaturityRating();
}
