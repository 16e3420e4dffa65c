package dev.marquee.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small but real OpenID Connect issuer for tests: it publishes discovery metadata and its RSA signing key
 * (JWKS) over HTTP, exactly where services configured with {@code quarkus.oidc.auth-server-url} look for them,
 * and mints RS256 access tokens shaped like Keycloak's ({@code realm_access.roles}, {@code aud},
 * {@code preferred_username}). The services under test verify those tokens as they would Keycloak's.
 */
public final class TestIssuer implements AutoCloseable {
    public static final String REALM_PATH = "/realms/marquee";
    public static final String DEFAULT_AUDIENCE = "marquee-api";
    /** Secret of the services' own confidential clients (client-credentials grant), as in the local realm. */
    public static final String SERVICE_CLIENT_SECRET = "marquee-local-service-secret";

    /** The brand that, in tests, signs its users in through an issuer of its own ({@link #sharedOfOwnBrand()}). */
    public static final String BRAND_WITH_OWN_ISSUER = "studio";

    private static TestIssuer shared;
    private static TestIssuer ownBrand;

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final String issuer;

    private TestIssuer(int port) {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("marquee-test-" + UUID.randomUUID().toString().substring(0, 8));
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM_PATH;
        server.createContext(REALM_PATH + "/.well-known/openid-configuration", ex -> json(ex, discovery()));
        server.createContext(REALM_PATH + "/protocol/openid-connect/certs",
                ex -> json(ex, new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        server.createContext(REALM_PATH + "/protocol/openid-connect/token", this::clientCredentials);
        server.start();
    }

    /** An issuer on a free port. */
    public static TestIssuer start() {
        return new TestIssuer(0);
    }

    /** The issuer shared by all tests of this JVM. */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-issuer-stop"));
        }
        return shared;
    }

    /**
     * A second issuer shared by all tests of this JVM: that of {@link #BRAND_WITH_OWN_ISSUER}, configured in the
     * services as the OIDC tenant of that brand.
     */
    public static synchronized TestIssuer sharedOfOwnBrand() {
        if (ownBrand == null) {
            ownBrand = start();
            Runtime.getRuntime().addShutdownHook(new Thread(ownBrand::close, "brand-issuer-stop"));
        }
        return ownBrand;
    }

    /**
     * The configuration that makes a service trust this issuer as the OIDC tenant of a brand with an issuer of its
     * own, as an operator would write it.
     */
    public Map<String, String> tenantOf(String brand) {
        String prefix = "quarkus.oidc." + brand + ".";
        return Map.of(prefix + "auth-server-url", issuer, prefix + "client-id", DEFAULT_AUDIENCE,
                prefix + "application-type", "service", prefix + "token.audience", DEFAULT_AUDIENCE);
    }

    /** The issuer URL, which is also {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return issuer;
    }

    /** A valid access token for a user with the given realm roles, for the default audience. */
    public String token(String subject, String... roles) {
        return tokenFor(subject).roles(roles).sign();
    }

    public TokenBuilder tokenFor(String subject) {
        return new TokenBuilder(subject);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String discovery() {
        return """
                {"issuer":"%1$s",
                 "authorization_endpoint":"%1$s/protocol/openid-connect/auth",
                 "token_endpoint":"%1$s/protocol/openid-connect/token",
                 "jwks_uri":"%1$s/protocol/openid-connect/certs",
                 "response_types_supported":["code"],
                 "subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer);
    }

    /**
     * The client-credentials grant for the services' own clients ({@code marquee-<service>} with
     * {@link #SERVICE_CLIENT_SECRET}), as Keycloak answers it: a token for {@code service-account-<client>} with
     * the realm role {@code service}.
     */
    private void clientCredentials(HttpExchange exchange) throws IOException {
        Map<String, String> form = new java.util.HashMap<>();
        FormData.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                .forEach((name, values) -> form.put(name, values.getLast()));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(java.util.Base64.getDecoder().decode(basic.substring(6)),
                    StandardCharsets.UTF_8).split(":", 2);
            form.putIfAbsent("client_id", FormData.decode(pair[0]));
            form.putIfAbsent("client_secret", pair.length > 1 ? FormData.decode(pair[1]) : "");
        }
        String client = form.getOrDefault("client_id", "");
        if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))
                || !client.startsWith("marquee-") || !SERVICE_CLIENT_SECRET.equals(form.get("client_secret"))) {
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = tokenFor("service-account-" + client).roles("service").sign();
        json(exchange, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        json(exchange, 200, body);
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Builds tokens, including the broken ones that security tests need. */
    public final class TokenBuilder {
        private final String subject;
        private List<String> roles = List.of("user");
        private String audience = DEFAULT_AUDIENCE;
        private String tokenIssuer = issuer;
        private Duration lifetime = Duration.ofMinutes(10);
        private Instant issuedAt = Instant.now();
        private RsaJsonWebKey signingKey = key;
        private boolean unsigned;
        private Map<String, Object> extraClaims = Map.of();

        private TokenBuilder(String subject) {
            this.subject = subject;
        }

        public TokenBuilder roles(String... value) {
            this.roles = List.of(value);
            return this;
        }

        public TokenBuilder audience(String value) {
            this.audience = value;
            return this;
        }

        public TokenBuilder issuer(String value) {
            this.tokenIssuer = value;
            return this;
        }

        /** Issued {@code age} ago with the given lifetime, e.g. to make an expired token. */
        public TokenBuilder issuedAgo(Duration age, Duration value) {
            this.issuedAt = Instant.now().minus(age);
            this.lifetime = value;
            return this;
        }

        public TokenBuilder claims(Map<String, Object> value) {
            this.extraClaims = value;
            return this;
        }

        /** Signs with a key the issuer never published. */
        public TokenBuilder foreignKey() {
            try {
                this.signingKey = RsaJwkGenerator.generateJwk(2048);
                this.signingKey.setKeyId(key.getKeyId());
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** Produces an {@code alg: none} token. */
        public TokenBuilder unsigned() {
            this.unsigned = true;
            return this;
        }

        public String sign() {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(tokenIssuer);
            claims.setSubject(subject);
            claims.setAudience(audience);
            claims.setClaim("azp", "marquee-test");
            claims.setClaim("preferred_username", subject);
            claims.setClaim("typ", "Bearer");
            claims.setClaim("realm_access", Map.of("roles", roles));
            claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.getEpochSecond()));
            claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.plus(lifetime).getEpochSecond()));
            claims.setJwtId(UUID.randomUUID().toString());
            extraClaims.forEach(claims::setClaim);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            try {
                if (unsigned) {
                    jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
                    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
                } else {
                    jws.setKey(signingKey.getPrivateKey());
                    jws.setKeyIdHeaderValue(signingKey.getKeyId());
                    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
                }
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
