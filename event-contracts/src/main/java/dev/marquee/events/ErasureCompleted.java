package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * One service finished erasing a user's data for a request.
 *
 * @param requestId   the erasure request answered
 * @param userId      pseudonymous user id; also the Kafka key
 * @param service     the confirming service, e.g. {@code dialogue-service}
 * @param erased      what was erased, as counts per kind of record, e.g. {@code {"turns": 12}}
 * @param completedAt when the service finished
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureCompleted(
        String requestId,
        String userId,
        String service,
        Map<String, Long> erased,
        Instant completedAt) {
}
