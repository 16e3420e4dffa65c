package dev.marquee.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {
    private final EventCodec codec = EventCodec.instance();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyRecordSerialisesToJsonThatSatisfiesItsSchema(EventType type) {
        Object sample = Samples.of(type);

        String json = codec.encode(sample);

        assertThat(codec.validate(type, json)).isEmpty();
        assertThat(codec.decode(type, json, type.payloadType())).isEqualTo(sample);
        assertThat(codec.decode(type, json.getBytes(StandardCharsets.UTF_8), type.payloadType())).isEqualTo(sample);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void removingAnyRequiredFieldIsRejected(EventType type) throws Exception {
        ObjectNode valid = (ObjectNode) codec.mapper().readTree(codec.encode(Samples.of(type)));
        List<String> required = requiredFields(type);
        assertThat(required).isNotEmpty();

        for (String field : required) {
            ObjectNode broken = valid.deepCopy();
            broken.remove(field);
            String json = broken.toString();
            assertThat(codec.validate(type, json)).as("without %s", field).isNotEmpty();
            assertThatThrownBy(() -> codec.decode(type, json, type.payloadType()))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining(field);
            assertThatThrownBy(() -> codec.decode(type, json.getBytes(StandardCharsets.UTF_8), type.payloadType()))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining(field);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaPropertiesAndRecordComponentsAgree(EventType type) throws Exception {
        Set<String> components = new HashSet<>();
        Arrays.stream(type.payloadType().getRecordComponents()).forEach(c -> components.add(c.getName()));
        Set<String> properties = new HashSet<>();
        schema(type).get("properties").fieldNames().forEachRemaining(properties::add);

        assertThat(properties).isEqualTo(components);
        assertThat(schema(type).get("$id").asText()).isEqualTo(type.schemaId());
    }

    @Test
    void timesWithAnOffsetReadAsTheSameInstant() throws Exception {
        Interaction sample = (Interaction) Samples.of(EventType.INTERACTION);
        ObjectNode json = (ObjectNode) codec.mapper().readTree(codec.encode(sample));
        json.put("occurredAt", sample.occurredAt().atOffset(java.time.ZoneOffset.ofHours(2)).toString());

        assertThat(codec.decode(json.toString(), Interaction.class).occurredAt()).isEqualTo(sample.occurredAt());
    }

    @Test
    void malformedJsonIsRejectedWithAClearReason() {
        assertThatThrownBy(() -> codec.decode("{\"turnId\": ", TurnCompleted.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.decode((byte[]) null, Interaction.class))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> codec.decode("  ", Interaction.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty");
        // From a record's bytes, as consumers read them: the same answers, and bytes that are not UTF-8 too.
        assertThatThrownBy(() -> codec.decode("{\"turnId\": ".getBytes(StandardCharsets.UTF_8), TurnCompleted.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.decode(new byte[0], Interaction.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decode("  ".getBytes(StandardCharsets.UTF_8), Interaction.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decode(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                Interaction.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void wrongTypesEnumsAndFormatsAreRejected() throws Exception {
        ObjectNode interaction = (ObjectNode) codec.mapper().readTree(codec.encode(Samples.of(EventType.INTERACTION)));

        assertThat(codec.validate(EventType.INTERACTION, interaction.deepCopy().put("type", "binge").toString()))
                .isNotEmpty();
        assertThat(codec.validate(EventType.INTERACTION, interaction.deepCopy().put("occurredAt", "yesterday").toString()))
                .isNotEmpty();
        assertThat(codec.validate(EventType.INTERACTION, interaction.deepCopy().put("rating", 9).toString()))
                .isNotEmpty();
        assertThat(codec.validate(EventType.INTERACTION, interaction.deepCopy().put("titleId", 17).toString()))
                .isNotEmpty();
        assertThat(codec.validate(EventType.INTERACTION, "[1, 2]")).isNotEmpty();
    }

    @Test
    void aRatingNeedsAValueAndOtherInteractionsMustNotCarryOne() throws Exception {
        ObjectNode rating = (ObjectNode) codec.mapper().readTree(codec.encode(Samples.of(EventType.INTERACTION)));
        ObjectNode ratingWithoutValue = rating.deepCopy();
        ratingWithoutValue.remove("rating");
        ObjectNode playWithValue = rating.deepCopy().put("type", "play");

        assertThat(codec.validate(EventType.INTERACTION, ratingWithoutValue.toString())).isNotEmpty();
        assertThat(codec.validate(EventType.INTERACTION, playWithValue.toString())).isNotEmpty();
        playWithValue.remove("rating");
        assertThat(codec.validate(EventType.INTERACTION, playWithValue.toString())).isEmpty();
    }

    @Test
    void consentMustStateEveryPurpose() throws Exception {
        ObjectNode consent = (ObjectNode) codec.mapper().readTree(codec.encode(Samples.of(EventType.CONSENT_CHANGED)));
        ((ObjectNode) consent.get("purposes")).remove("marketing");
        assertThat(codec.validate(EventType.CONSENT_CHANGED, consent.toString())).isNotEmpty();

        ((ObjectNode) consent.get("purposes")).put("marketing", true).put("telepathy", true);
        assertThat(codec.validate(EventType.CONSENT_CHANGED, consent.toString())).isNotEmpty();
    }

    @Test
    void aPreferenceNamesAGenreOrAPhraseInVocabularyOnly() throws Exception {
        ObjectNode preference = (ObjectNode) codec.mapper().readTree(
                codec.encode(Samples.of(EventType.PREFERENCE_STATED)));
        ObjectNode onlyPhrases = preference.deepCopy();
        onlyPhrases.putArray("genres");
        ObjectNode neither = onlyPhrases.deepCopy();
        neither.putArray("phrases");
        ObjectNode freeText = preference.deepCopy();
        freeText.putArray("phrases").add("I really love films my ex hated");
        ObjectNode unknownKind = preference.deepCopy();
        unknownKind.putArray("kinds").add("book");

        assertThat(codec.validate(EventType.PREFERENCE_STATED, onlyPhrases.toString())).isEmpty();
        assertThat(codec.validate(EventType.PREFERENCE_STATED, neither.toString())).isNotEmpty();
        assertThat(codec.validate(EventType.PREFERENCE_STATED, freeText.toString())).isNotEmpty();
        assertThat(codec.validate(EventType.PREFERENCE_STATED, unknownKind.toString())).isNotEmpty();
        assertThat(codec.validate(EventType.PREFERENCE_STATED, preference.deepCopy().put("sentiment", "meh")
                .toString())).isNotEmpty();
    }

    @Test
    void unknownPropertiesAreToleratedSoThatV1CanGrowCompatibly() throws Exception {
        ObjectNode turn = (ObjectNode) codec.mapper().readTree(codec.encode(Samples.of(EventType.TURN_COMPLETED)));
        turn.put("sentiment", "positive");

        assertThat(codec.decode(turn.toString(), TurnCompleted.class)).isEqualTo(Samples.of(EventType.TURN_COMPLETED));
    }

    @Test
    void aProducerCannotEncodeARecordThatBreaksItsContract() {
        TurnCompleted broken = new TurnCompleted("t-1", "c-1", "u-1", "marquee", "p", "web", "greeting", "offline",
                List.of(), List.of(), false, false, -5, null, null, Samples.AT);

        assertThatThrownBy(() -> codec.encode(broken))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("latencyMs");
    }

    private static List<String> requiredFields(EventType type) throws Exception {
        List<String> required = new ArrayList<>();
        schema(type).get("required").forEach(n -> required.add(n.asText()));
        return required;
    }

    private static JsonNode schema(EventType type) throws Exception {
        try (InputStream in = EventCodec.class.getResourceAsStream(type.schemaResource())) {
            return EventCodec.instance().mapper().readTree(in);
        }
    }
}
