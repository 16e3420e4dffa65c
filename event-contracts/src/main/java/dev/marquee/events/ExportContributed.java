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
}
