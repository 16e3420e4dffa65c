package dev.marquee.gateway.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents the answers every public API operation may give besides its own: problem+json (RFC 9457) for bad
 * requests, missing tokens, refused roles or brands, rate limits (429 with {@code Retry-After}) and unavailable
 * services (503 with {@code Retry-After}), so that client teams see them in the OpenAPI document and Swagger UI.
 */
public class ProblemResponsesFilter implements OASFilter {
    private static final String PROBLEM = "application/problem+json";
    private static final Map<String, String> COMMON = new LinkedHashMap<>();

    static {
        COMMON.put("400", "The request is malformed or invalid; 'errors' names each field");
        COMMON.put("401", "No bearer token, or one that is expired, wrongly signed or for another audience");
        COMMON.put("403", "The token's roles, or its brand, do not allow this");
        COMMON.put("413", "The body is larger than 64 KiB");
        COMMON.put("429", "A rate limit was reached (per user or per client address); Retry-After says when to "
                + "try again");
        COMMON.put("503", "An internal service or Kafka is unavailable; Retry-After says when to try again");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.getOperations().values().forEach(this::document);
        });
    }

    private void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        COMMON.forEach((status, description) -> {
            if (responses.hasAPIResponse(status)) {
                return;
            }
            var response = OASFactory.createAPIResponse().description(description)
                    .content(problemContent());
            if (status.equals("429") || status.equals("503")) {
                response.addHeader("Retry-After", retryAfter());
            }
            responses.addAPIResponse(status, response);
        });
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }

    private static Header retryAfter() {
        return OASFactory.createHeader().description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An RFC 9457 problem")
                .addProperty("type", text).addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", text).addProperty("instance", text)
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                                .addProperty("field", text).addProperty("message", text)));
    }
}
