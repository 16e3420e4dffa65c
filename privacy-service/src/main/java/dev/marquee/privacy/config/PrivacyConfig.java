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

    Export export();

    Sagas sagas();

    Audit audit();

    interface Consent {
        /** Version of the privacy policy users currently agree to. */
        String policyVersion();
    }

    interface Erasure {
        /** Services that must confirm before an erasure request is complete. */
        List<String> requiredServices();
    }

    interface Export {
        /** Services whose contribution an export bundle needs. */
        List<String> requiredServices();

        /** How long a completed bundle can be downloaded; then it is deleted and the request is expired. */
        @WithDefault("7d")
        Duration keepFor();
    }

    /** Timing shared by the erasure and export sagas. */
    interface Sagas {
        /**
         * A pending request is published again after this long without every answer; services that already
         * answered answer again (an erasure with its original counts).
         */
        @WithDefault("30s")
        Duration resendAfter();

        /** How often to look for requests to send again, flag or expire. */
        @WithDefault("5s")
        Duration check();

        /** A request still pending this long after it was made is flagged overdue (it keeps being re-sent). */
        @WithDefault("1h")
        Duration overdueAfter();
    }

    interface Audit {
        /**
         * Key of the HMAC that stands for a user id in the audit log. Keep it secret and stable: with it, the
         * entries of a given user can be found; without it, the log names nobody.
         */
        String subjectKey();
    }
}
