package dev.marquee.infra.quarkus;

import dev.marquee.infra.TestIssuer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a Quarkus test's OIDC configuration at the JVM's shared {@link TestIssuer}, and makes a second shared
 * issuer the one of {@link TestIssuer#BRAND_WITH_OWN_ISSUER}, a brand with an issuer of its own.
 */
public class OidcResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(TestIssuer.sharedOfOwnBrand()
                .tenantOf(TestIssuer.BRAND_WITH_OWN_ISSUER));
        config.putAll(Map.of("quarkus.oidc.auth-server-url", TestIssuer.shared().issuer(),
                "quarkus.oidc-client.auth-server-url", TestIssuer.shared().issuer(),
                "quarkus.oidc-client.credentials.secret", TestIssuer.SERVICE_CLIENT_SECRET));
        return config;
    }

    @Override
    public void stop() {
        // Shared by all tests of the JVM.
    }
}
