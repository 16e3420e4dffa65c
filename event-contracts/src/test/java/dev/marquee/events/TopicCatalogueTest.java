package dev.marquee.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicCatalogueTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasExactlyOneTopicOfTheSameVersion(EventType type) {
        long carriers = Arrays.stream(Topic.values()).filter(t -> t.eventType().orElse(null) == type).count();
        assertThat(carriers).isEqualTo(1);

        String typeVersion = type.ceType().substring(type.ceType().lastIndexOf('.'));
        assertThat(Topic.of(type).topicName()).endsWith(typeVersion);
    }

    @Test
    void topicNamesFollowTheConvention() {
        for (Topic topic : Topic.values()) {
            assertThat(topic.topicName()).matches("marquee(\\.[a-z][a-z-]*)+\\.v[0-9]+");
            assertThat(topic.partitions()).isPositive();
        }
        assertThat(Topic.allNames()).doesNotHaveDuplicates();
    }

    @Test
    void theConsentTopicIsCompactedAndKeptForever() {
        assertThat(Topic.PRIVACY_CONSENT.compacted()).isTrue();
        assertThat(Topic.PRIVACY_CONSENT.configs())
                .containsEntry("cleanup.policy", "compact")
                .containsEntry("retention.ms", "-1");
        assertThat(Topic.INTERACTIONS.configs()).containsEntry("cleanup.policy", "delete");
    }

    @Test
    void envelopesCarryTheCloudEventsBinaryHeaders() {
        Object turn = Samples.of(EventType.TURN_COMPLETED);
        EventEnvelope envelope = EventEnvelope.forUser("u-1", "t-1", CloudEventHeaders.sourceOf("dialogue-service"),
                Instant.parse("2026-11-26T10:00:00Z"), turn);

        Map<String, String> headers = envelope.headers();

        assertThat(envelope.topic()).isEqualTo(Topic.DIALOGUE_TURNS);
        assertThat(envelope.key()).isEqualTo("u-1");
        assertThat(headers)
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", "t-1")
                .containsEntry("ce_type", "dev.marquee.dialogue.turn-completed.v1")
                .containsEntry("ce_source", "/marquee/dialogue-service")
                .containsEntry("ce_time", "2026-11-26T10:00:00Z")
                .containsEntry("ce_subject", "u-1")
                .containsEntry("content-type", "application/json");
    }

    @Test
    void anEnvelopeRefusesAPayloadOfAnotherType() {
        assertThatThrownBy(() -> new EventEnvelope(Topic.DIALOGUE_TURNS, "u", "id", EventType.TURN_COMPLETED, "s",
                Instant.now(), "u", Samples.of(EventType.INTERACTION)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
