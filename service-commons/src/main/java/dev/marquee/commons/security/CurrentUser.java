package dev.marquee.commons.security;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request as the verified bearer token says: its subject is the pseudonymous
 * user id everywhere in Marquee. Never take a user id from a request body or path.
 */
@RequestScoped
public class CurrentUser {
    @Inject
    JsonWebToken token;

    @ConfigProperty(name = "marquee.brand.default", defaultValue = "marquee")
    String defaultBrand;

    /** The verified subject; 401 when the request carries no token. */
    public String id() {
        String subject = token == null ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("no verified token");
        }
        return subject;
    }

    /**
     * The brand (tenant) the user came through: the token's {@code brand} claim, or the deployment's default
     * brand when the issuer serves only one.
     */
    public String brand() {
        id();
        String claim = token.getClaim("brand");
        return claim == null || claim.isBlank() ? defaultBrand : claim;
    }

    /** The raw bearer token, to call another Marquee service on the user's behalf. */
    public String bearerToken() {
        id();
        return token.getRawToken();
    }
}
