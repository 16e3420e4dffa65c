package dev.marquee.outbox;

import dev.marquee.events.EventCodec;
import dev.marquee.events.EventType;
import dev.marquee.events.InvalidEventException;
import dev.marquee.events.ErasureRequested;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncomingEventsTest {

    @Test
    void aTransientFailureIsRetriedUntilTheEffectSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        String result = IncomingEvents.applyUntilDone("test", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("database unavailable");
            }
            return "applied";
        });

        assertThat(result).isEqualTo("applied");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anInvalidRecordIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> IncomingEvents.applyUntilDone("test", () -> {
            attempts.incrementAndGet();
            throw new InvalidEventException(EventType.INTERACTION, List.of("unknown title"));
        })).isInstanceOf(InvalidEventException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void decodingChecksTheCloudEventsHeadersAndThePayload() {
        String json = EventCodec.instance().encode(new ErasureRequested("r-1", "u-1", List.of("dialogue-service"), 1,
                Instant.parse("2026-11-26T10:00:00Z"), null));

        assertThat(IncomingEvents.decode(record(json, EventType.ERASURE_REQUESTED.ceType(), "r-1/1"),
                ErasureRequested.class).requestId()).isEqualTo("r-1");
        assertThatThrownBy(() -> IncomingEvents.decode(record(json, null, "r-1/1"), ErasureRequested.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("ce_type header is missing");
        assertThatThrownBy(() -> IncomingEvents.decode(record(json, EventType.INTERACTION.ceType(), "r-1/1"),
                ErasureRequested.class)).isInstanceOf(InvalidEventException.class).hasMessageContaining("expected");
        assertThatThrownBy(() -> IncomingEvents.decode(record(json, EventType.ERASURE_REQUESTED.ceType(), null),
                ErasureRequested.class)).isInstanceOf(InvalidEventException.class).hasMessageContaining("ce_id");
        assertThatThrownBy(() -> IncomingEvents.decode(record("{}", EventType.ERASURE_REQUESTED.ceType(), "x"),
                ErasureRequested.class)).isInstanceOf(InvalidEventException.class);
    }

    private static ConsumerRecord<String, String> record(String value, String type, String id) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("t", 0, 0, "u-1", value);
        if (type != null) {
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        }
        if (id != null) {
            record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
