package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * One service's part of a user's data export: everything it holds about the user, as JSON.
 *
 * @param requestId     the export request answered
 * @param userId        pseudonymous user id; also the Kafka key
 * @param service       the contributing service, e.g. {@code dialogue-service}
 * @param data          the service's data about the user, one entry per kind of record (e.g. {@code turns}: a list)
 * @param contributedAt when the service gathered it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportContributed(
        String requestId,
        String userId,
        String service,
        Map<String, Object> data,
        Instant contributedAt) {

    /**
     * Largest encoded contribution a service sends (below Kafka's default 1 MiB record limit, with room for the
     * headers): a larger one would be refused by the broker and hold up the service's other events.
     */
    public static final int MAX_BYTES = 900_000;

    /** This contribution if it fits in one record ({@link #MAX_BYTES} encoded), otherwise {@link #tooLarge}. */
    public ExportContributed fittingOneRecord() {
        int bytes = EventCodec.instance().encode(this).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return bytes > MAX_BYTES ? tooLarge(bytes) : this;
    }

    /**
     * The same contribution when its data does not fit in one record: instead of the records, how many there are of
     * each kind and how large they were, so that the bundle says what could not be delivered.
     */
    public ExportContributed tooLarge(int bytes) {
        Map<String, Object> counts = new java.util.LinkedHashMap<>();
        data.forEach((kind, records) -> counts.put(kind, records instanceof java.util.Collection<?> c ? c.size() : 1));
        return new ExportContributed(requestId, userId, service, Map.of("tooLarge",
                java.util.List.of(Map.of("bytes", bytes, "limit", MAX_BYTES, "records", counts))), contributedAt);
    }
}
