package dev.marquee.commons.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Maps every failure of a REST call to an {@code application/problem+json} answer (RFC 9457) that says what
 * was wrong without leaking internals.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return Problems.response(e.problem().withInstance(path(uri)));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        boolean returnValue = e.getConstraintViolations().stream()
                .anyMatch(v -> kinds(v.getPropertyPath()).contains(ElementKind.RETURN_VALUE));
        if (returnValue) {
            return internalError(e, uri);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        Problem problem = Problem.of("validation-failed", "Validation failed", 400,
                        errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid")
                .withErrors(errors)
                .withInstance(path(uri));
        return Problems.response(problem);
    }

    @ServerExceptionMapper({JsonParseException.class})
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return Problems.response(Problem.of("malformed-json", "Malformed JSON", 400,
                "the request body is not valid JSON: " + e.getOriginalMessage()).withInstance(path(uri)));
    }

    @ServerExceptionMapper({MismatchedInputException.class, InvalidFormatException.class,
            UnrecognizedPropertyException.class, JsonMappingException.class})
    public Response mismatched(JsonMappingException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Problem problem = Problem.of("malformed-json", "Malformed JSON", 400, field.isEmpty()
                ? "the request body does not have the expected shape"
                : "field '" + field + "' has the wrong type or value");
        if (!field.isEmpty()) {
            problem = problem.withErrors(List.of(new Problem.FieldError(field, expectation(e))));
        }
        return Problems.response(problem.withInstance(path(uri)));
    }

    /** What the field should have been, in JSON terms rather than Java ones. */
    private static String expectation(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == null) {
            return "has the wrong type";
        }
        if (target.isEnum()) {
            String accepted = Arrays.stream(target.getEnumConstants())
                    .map(ProblemMappers::jsonName)
                    .collect(Collectors.joining(", "));
            return "must be one of " + accepted;
        }
        if (target == String.class || CharSequence.class.isAssignableFrom(target)) {
            return "must be a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != char.class)) {
            return "must be a number";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(target)) {
            return "must be an ISO-8601 date-time such as 2026-11-26T10:00:00Z";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    /** The JSON name of an enum constant: its {@code @JsonProperty} value if it has one. */
    private static String jsonName(Object constant) {
        Enum<?> value = (Enum<?>) constant;
        try {
            JsonProperty property = value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
            return property != null ? property.value() : value.name();
        } catch (NoSuchFieldException ex) {
            return value.name();
        }
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Problems.response(Problems.forStatus(401, "a valid bearer token is required").withInstance(path(uri)));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return Problems.response(Problems.forStatus(401, "the bearer token is missing, expired or invalid")
                .withInstance(path(uri)));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(Problems.forStatus(403, "your roles do not allow this operation")
                .withInstance(path(uri)));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        // The JSON body reader reports unparsable bodies as a 400 caused by Jackson.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping) {
                return mismatched(mapping, uri);
            }
            if (cause instanceof JsonProcessingException processing) {
                return malformed(processing, uri);
            }
        }
        if (status >= 500) {
            return internalError(e, uri);
        }
        // JAX-RS answers 404 when a query parameter cannot be converted (e.g. k=lots for an int); it is a bad request.
        if (e instanceof NotFoundException && e.getCause() != null) {
            return Problems.response(Problems.forStatus(400, "a parameter has the wrong format: "
                    + e.getCause().getMessage()).withInstance(path(uri)));
        }
        String detail = switch (status) {
            case 404 -> "no resource at this path";
            case 405 -> "this resource does not support the method";
            case 406 -> "this resource cannot produce the requested media type";
            case 415 -> "this resource does not accept the request's content type";
            default -> e.getMessage();
        };
        return Problems.response(Problems.forStatus(status, detail).withInstance(path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        return internalError(e, uri);
    }

    private static Response internalError(Exception e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "request %s failed, error id %s", path(uri), errorId);
        return Problems.response(Problems.forStatus(500, "the request failed; quote error id " + errorId
                + " when reporting it").withInstance(path(uri)));
    }

    private static String field(ConstraintViolation<?> violation) {
        // Skip the method and parameter names of the resource method: clients know fields, not Java signatures.
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && isBodyParameter(violation)) {
                continue;
            }
            // Container elements (<list element>, <map value>) add only their index or key.
            String name = node.getName() == null || node.getName().startsWith("<") ? null : node.getName();
            if (!field.isEmpty() && name != null) {
                field.append('.');
            }
            if (name != null) {
                field.append(name);
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** A violation inside a bean (the request body) has more nodes after the parameter node. */
    private static boolean isBodyParameter(ConstraintViolation<?> violation) {
        int nodes = 0;
        for (Path.Node ignored : violation.getPropertyPath()) {
            nodes++;
        }
        return nodes > 2;
    }

    private static List<ElementKind> kinds(Path path) {
        List<ElementKind> kinds = new java.util.ArrayList<>();
        path.forEach(n -> kinds.add(n.getKind()));
        return kinds;
    }


    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
