package dev.marquee.privacy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Configuration of privacy-service ({@code marquee.privacy.*}). */
@ConfigMapping(prefix = "marquee.privacy")
public interface PrivacyConfig {
    Consent consent();

    Erasure erasure();

    interface Consent {
        /** Version of the privacy policy users currently agree to. */
        String policyVersion();
    }

    interface Erasure {
        /** Services that must confirm before an erasure request is complete. */
        List<String> requiredServices();

        /**
         * A pending request is published again after this long without every confirmation; services that already
         * confirmed answer again with their original counts.
         */
        @WithDefault("30s")
        Duration resendAfter();

        /** How often to look for requests to send again. */
        @WithDefault("5s")
        Duration resendCheck();
    }
}
