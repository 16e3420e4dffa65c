package dev.marquee.gateway.protection;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.problem.Problems;
import dev.marquee.commons.security.BrandResolver;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Resolves the brand of every signed-in request at the door ({@link BrandResolver}: the issuer's brand, or
 * a claim the deployment serves), so that a token for a brand this deployment does not serve gets its 403 here
 * instead of from whichever internal service it reaches.
 */
public class BrandFilter {
    @Inject
    SecurityIdentity identity;
    @Inject
    BrandResolver brands;

    @ServerRequestFilter
    public Response brand() {
        if (identity.isAnonymous()) {
            return null;
        }
        try {
            // The verified principal is the token itself: no need for the request-scoped CurrentUser here.
            brands.brandOf(identity, BrandResolver.claimOf(identity.getPrincipal()));
            return null;
        } catch (ProblemException refused) {
            return Problems.response(refused.problem());
        }
    }
}
