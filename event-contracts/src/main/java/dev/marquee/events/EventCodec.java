package dev.marquee.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns event records into JSON and back, checking every payload against its JSON Schema in both
 * directions: a producer cannot publish an event that breaks its contract, and a consumer gets an
 * {@link InvalidEventException} (to dead-letter the record) instead of a half-filled record.
 * Thread-safe; use the shared {@link #instance()}.
 */
public final class EventCodec {
    private static final EventCodec INSTANCE = new EventCodec();

    private final ObjectMapper mapper;
    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    private EventCodec() {
        mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                // Registered after the JavaTimeModule, so it is the one asked for instants.
                .registerModule(new SimpleModule("marquee-instants").addDeserializer(Instant.class,
                        new ProducersFormInstants()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (EventType type : EventType.values()) {
            try (InputStream in = EventCodec.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("missing schema " + type.schemaResource());
                }
                schemas.put(type, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static EventCodec instance() {
        return INSTANCE;
    }

    /** The mapper used for payloads: ISO-8601 instants, unknown properties ignored (tolerant reader). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Serialises an event payload to JSON after checking it against its schema.
     *
     * @throws InvalidEventException if the record breaks its own contract (a producer bug)
     */
    public String encode(Object payload) {
        EventType type = EventType.forPayload(payload.getClass());
        JsonNode tree = mapper.valueToTree(payload);
        requireValid(type, tree);
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses and validates a payload of the given type. */
    public <T> T decode(EventType type, String json, Class<T> as) {
        requireCarries(type, as);
        return bind(type, parse(type, json), as);
    }

    /**
     * Parses and validates a payload of the given type from its UTF-8 bytes as a record holds them: cheaper than
     * making a String of them first.
     */
    public <T> T decode(EventType type, byte[] json, Class<T> as) {
        requireCarries(type, as);
        return bind(type, parse(type, json), as);
    }

    private static void requireCarries(EventType type, Class<?> as) {
        if (!type.payloadType().equals(as)) {
            throw new IllegalArgumentException(type + " carries " + type.payloadType().getName());
        }
    }

    private <T> T bind(EventType type, JsonNode tree, Class<T> as) {
        requireValid(type, tree);
        try {
            return mapper.treeToValue(tree, as);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(type, List.of(e.getOriginalMessage()));
        }
    }

    /** Parses and validates a payload, picking the type from the payload class. */
    public <T> T decode(String json, Class<T> as) {
        return decode(EventType.forPayload(as), json, as);
    }

    public <T> T decode(byte[] json, Class<T> as) {
        if (json == null) {
            throw new InvalidEventException(EventType.forPayload(as), List.of("record has no value"));
        }
        return decode(EventType.forPayload(as), json, as);
    }

    /** Schema violations of a JSON document, empty when it is valid. */
    public List<String> validate(EventType type, String json) {
        try {
            return problems(type, parse(type, json));
        } catch (InvalidEventException e) {
            return e.problems();
        }
    }

    private JsonNode parse(EventType type, String json) {
        if (json == null || json.isBlank()) {
            throw empty(type);
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw notJson(type, e);
        }
    }

    private JsonNode parse(EventType type, byte[] json) {
        JsonNode tree;
        try {
            tree = json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw notJson(type, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading an array in memory
        }
        if (tree == null || tree.isMissingNode()) { // no bytes, or only whitespace
            throw empty(type);
        }
        return tree;
    }

    private static InvalidEventException empty(EventType type) {
        return new InvalidEventException(type, List.of("payload is empty"));
    }

    private static InvalidEventException notJson(EventType type, JsonProcessingException e) {
        return new InvalidEventException(type, List.of("payload is not JSON: " + e.getOriginalMessage()));
    }

    private void requireValid(EventType type, JsonNode tree) {
        List<String> problems = problems(type, tree);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(type, problems);
        }
    }

    private List<String> problems(EventType type, JsonNode tree) {
        Set<ValidationMessage> messages = schemas.get(type).validate(tree);
        if (messages.isEmpty()) {
            return List.of();
        }
        return messages.stream()
                .map(ValidationMessage::getMessage)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /**
     * Reads instants in the producers' form without the formatter ({@link Instants}); anything else (offsets, numbers)
     * as the JavaTimeModule reads it.
     */
    private static final class ProducersFormInstants extends StdScalarDeserializer<Instant> {
        ProducersFormInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = Instants.parseCanonical(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
