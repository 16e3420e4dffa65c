package dev.marquee.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.commons.problem.ProblemException;
import dev.marquee.gateway.config.GatewayConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the web chat page ({@code /chat/}) needs to sign a user in: its public client and the issuer's endpoints,
 * read from the issuer's discovery document once and kept.
 */
@Path("/chat/config")
@PermitAll
@Tag(name = "Web chat")
public class WebChatResource {
    private static final Logger LOG = Logger.getLogger(WebChatResource.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String issuer;
    private final String clientId;
    private final ObjectMapper mapper;
    private volatile SignIn signIn;

    public WebChatResource(GatewayConfig config, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String services,
                           ObjectMapper mapper) {
        this.issuer = config.web().issuer().orElse(services);
        this.clientId = config.web().clientId();
        this.mapper = mapper;
    }

    /**
     * How the page signs in.
     *
     * @param issuer                the issuer
     * @param clientId              the page's public client
     * @param authorizationEndpoint where the browser goes to sign in
     * @param tokenEndpoint         where the page exchanges the code (with its PKCE verifier)
     * @param endSessionEndpoint    where signing out ends the issuer's session, if it has one
     */
    public record SignIn(String issuer, String clientId, String authorizationEndpoint, String tokenEndpoint,
                         String endSessionEndpoint) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How the web chat page signs users in (public client, issuer endpoints)")
    public SignIn config() {
        SignIn known = signIn;
        if (known == null) {
            known = discover();
            signIn = known;
        }
        return known;
    }

    private SignIn discover() {
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException("HTTP " + answer.statusCode());
            }
            JsonNode document = mapper.readTree(answer.body());
            return new SignIn(document.path("issuer").asText(issuer), clientId,
                    document.path("authorization_endpoint").asText(), document.path("token_endpoint").asText(),
                    document.path("end_session_endpoint").asText(null));
        } catch (IOException e) {
            LOG.warnf("could not read %s: %s", discovery, e.getMessage());
            throw ProblemException.unavailable("the sign-in service", "sign-in is not available right now; please "
                    + "try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("the sign-in service", "interrupted");
        }
    }
}
