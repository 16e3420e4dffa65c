package dev.marquee.commons.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Forwards the caller's verified bearer token on calls to other Marquee services
 * ({@code @RegisterClientHeaders(BearerTokenPropagation.class)} on a REST client), so that every service sees
 * the same verified user and checks the token itself.
 */
@ApplicationScoped
public class BearerTokenPropagation implements ClientHeadersFactory {
    @Inject
    JsonWebToken token;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                 MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        String raw = token.getRawToken();
        if (raw != null) {
            headers.add(HttpHeaders.AUTHORIZATION, "Bearer " + raw);
        }
        return headers;
    }
}
