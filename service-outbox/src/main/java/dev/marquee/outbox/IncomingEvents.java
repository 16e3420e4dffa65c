package dev.marquee.outbox;

import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventType;
import dev.marquee.events.InvalidEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * How Marquee's Kafka consumers take in a record: check its CloudEvents attributes and payload against the
 * contract (a record that breaks it is refused at once, to be dead-lettered), then apply its effect until that
 * succeeds.
 */
public final class IncomingEvents {
    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(200);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private IncomingEvents() {
    }

    /**
     * The payload of a record of the expected type.
     *
     * @throws InvalidEventException when {@code ce_type} is missing or another type, {@code ce_id} is missing, or
     *                               the payload breaks the schema
     */
    public static <T> T decode(ConsumerRecord<String, String> record, Class<T> payloadType) {
        EventType expected = EventType.forPayload(payloadType);
        String type = header(record, CloudEventHeaders.TYPE);
        if (!expected.ceType().equals(type)) {
            throw new InvalidEventException(expected, List.of(type == null ? "the ce_type header is missing"
                    : "ce_type is '" + type + "', expected '" + expected.ceType() + "'"));
        }
        String id = header(record, CloudEventHeaders.ID);
        if (id == null || id.isBlank()) {
            throw new InvalidEventException(expected, List.of("the ce_id header is missing"));
        }
        return EventCodec.instance().decode(record.value(), payloadType);
    }

    /**
     * Applies an effect, retrying with backoff (up to 30 s between attempts) for as long as it fails for a
     * reason other than the record itself: a database that is down or a lock timeout must not send a good
     * record to the dead-letter topic. The partition waits meanwhile, which keeps each user's events in order.
     *
     * @throws InvalidEventException at once, when the effect finds the record invalid
     */
    public static <T> T applyUntilDone(String what, Supplier<T> effect) {
        Duration delay = FIRST_DELAY;
        while (true) {
            try {
                return effect.get();
            } catch (InvalidEventException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("%s failed, retrying in %d ms: %s", what, delay.toMillis(), e.getMessage());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
        }
    }

    public static void applyUntilDone(String what, Runnable effect) {
        applyUntilDone(what, () -> {
            effect.run();
            return null;
        });
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
