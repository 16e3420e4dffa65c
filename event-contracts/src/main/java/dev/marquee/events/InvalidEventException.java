package dev.marquee.events;

import java.util.List;

/** A payload does not satisfy its event type's JSON Schema, or is not JSON at all. */
public class InvalidEventException extends RuntimeException {
    private final transient EventType type;
    private final List<String> problems;

    public InvalidEventException(EventType type, List<String> problems) {
        super("invalid " + (type == null ? "event" : type.ceType()) + ": " + String.join("; ", problems));
        this.type = type;
        this.problems = List.copyOf(problems);
    }

    public EventType type() {
        return type;
    }

    public List<String> problems() {
        return problems;
    }
}
