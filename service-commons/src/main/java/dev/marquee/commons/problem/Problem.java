package dev.marquee.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param type     URI naming the kind of problem, {@code https://marquee.dev/problems/<slug>}
 * @param title    short summary of the kind of problem
 * @param status   HTTP status
 * @param detail   what went wrong with this request, for a human
 * @param instance the request path
 * @param errors   field-level violations, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_ROOT = "https://marquee.dev/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(URI.create(TYPE_ROOT + slug), title, status, detail, null, List.of());
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Problem withErrors(List<FieldError> value) {
        return new Problem(type, title, status, detail, instance, value);
    }

    /**
     * One invalid field.
     *
     * @param field   path of the field, e.g. {@code message} or {@code items[2].titleId}
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }
}
