package dev.marquee.commons.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.TenantResolver;
import io.quarkus.oidc.runtime.OidcConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcUtils;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Picks the OIDC tenant of a request by its bearer token's issuer: a brand with an issuer of its own is a tenant
 * named after the brand ({@code quarkus.oidc.<brand>.*}); every other token goes to the default tenant, whatever the
 * request's path (Quarkus would otherwise try a path's last segment as a tenant name).
 * <p>
 * Without brand tenants it answers at once and reads nothing. With them it reads only the token's {@code iss}
 * claim, unverified: the tenant it picks verifies the token as a whole, so a forged issuer only selects a tenant
 * whose keys will reject the signature. Quarkus' own issuer-based resolution
 * ({@code quarkus.oidc.resolve-tenants-with-issuer}) does the same but cost the gateway about a fifth of its
 * throughput (docs/benchmarks.md), also when no brand has an issuer of its own.
 */
@ApplicationScoped
public class IssuerTenantResolver implements TenantResolver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> tenantByIssuer = new HashMap<>();

    public IssuerTenantResolver(OidcConfig oidc) {
        oidc.namedTenants().forEach((name, tenant) -> {
            if (OidcConfig.DEFAULT_TENANT_KEY.equals(name) || !tenant.tenantEnabled()) {
                return;
            }
            String issuer = issuerOf(tenant);
            if (issuer != null) {
                tenantByIssuer.put(issuer, tenant.tenantId().orElse(name));
            }
        });
    }

    /** The issuer a tenant's tokens carry: its configured {@code token.issuer}, else its server URL (Keycloak). */
    private static String issuerOf(OidcTenantConfig tenant) {
        String issuer = tenant.token().issuer().filter(i -> !"any".equals(i)).orElse(tenant.authServerUrl()
                .orElse(null));
        return issuer == null ? null : normalized(issuer);
    }

    private static String normalized(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    @Override
    public String resolve(RoutingContext context) {
        if (tenantByIssuer.isEmpty()) {
            return null;
        }
        String issuer = issuer(context.request().getHeader("Authorization"));
        return issuer == null ? OidcUtils.DEFAULT_TENANT_ID
                : tenantByIssuer.getOrDefault(normalized(issuer), OidcUtils.DEFAULT_TENANT_ID);
    }

    /** The {@code iss} claim of a bearer JWT, or null for anything else. */
    static String issuer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(first + 1, second)));
            JsonNode issuer = claims == null ? null : claims.get("iss");
            return issuer != null && issuer.isTextual() ? issuer.asText() : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
