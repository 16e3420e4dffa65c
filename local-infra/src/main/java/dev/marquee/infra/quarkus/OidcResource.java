package dev.marquee.infra.quarkus;

import dev.marquee.infra.TestIssuer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points a Quarkus test's OIDC configuration at the JVM's shared {@link TestIssuer}. */
public class OidcResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", TestIssuer.shared().issuer(),
                "quarkus.oidc-client.auth-server-url", TestIssuer.shared().issuer(),
                "quarkus.oidc-client.credentials.secret", TestIssuer.SERVICE_CLIENT_SECRET);
    }

    @Override
    public void stop() {
        // Shared by all tests of the JVM.
    }
}
