package dev.marquee.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event with its CloudEvents attributes and its Kafka key, ready to be published.
 *
 * @param topic   where it goes
 * @param key     the Kafka record key (the user id for user-scoped events)
 * @param id      CloudEvents id, unique per event; consumers de-duplicate on it
 * @param type    event type
 * @param source  producing service, see {@link CloudEventHeaders#sourceOf(String)}
 * @param time    when it happened
 * @param subject what it is about (the user id for user-scoped events)
 * @param data    the payload record
 */
public record EventEnvelope(Topic topic, String key, String id, EventType type, String source, Instant time,
                            String subject, Object data) {

    public EventEnvelope {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (!type.payloadType().isInstance(data)) {
            throw new IllegalArgumentException(data.getClass().getName() + " is not a " + type);
        }
    }

    /**
     * A user-scoped event on the topic of its type: key and subject are the user id.
     */
    public static EventEnvelope forUser(String userId, String id, String source, Instant time, Object data) {
        EventType type = EventType.forPayload(data.getClass());
        return new EventEnvelope(Topic.of(type), userId, id, type, source, time, userId, data);
    }

    /** The binary-mode CloudEvents headers of this event. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.TYPE, type.ceType());
        headers.put(CloudEventHeaders.SOURCE, source);
        headers.put(CloudEventHeaders.TIME, time.toString());
        if (subject != null) {
            headers.put(CloudEventHeaders.SUBJECT, subject);
        }
        headers.put(CloudEventHeaders.DATA_SCHEMA, type.schemaId());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }
}
