package dev.marquee.outbox;

import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.EventType;
import dev.marquee.events.InvalidEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the CloudEvents attributes of a consumed record. */
public final class IncomingEvents {
    private IncomingEvents() {
    }

    /**
     * The {@code ce_id} of a record of the expected type.
     *
     * @throws InvalidEventException when the id is missing or the {@code ce_type} is another type (dead-letter it)
     */
    public static String id(ConsumerRecord<?, ?> record, EventType expected) {
        String type = header(record, CloudEventHeaders.TYPE);
        if (type != null && !type.equals(expected.ceType())) {
            throw new InvalidEventException(expected, List.of("ce_type is '" + type + "', expected '"
                    + expected.ceType() + "'"));
        }
        String id = header(record, CloudEventHeaders.ID);
        if (id == null || id.isBlank()) {
            throw new InvalidEventException(expected, List.of("the ce_id header is missing"));
        }
        return id;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
