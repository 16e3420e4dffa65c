package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A user asked for their data to be erased. Every service holding personal data erases it and answers
 * with {@link ErasureCompleted}. Re-sent requests carry the same {@code requestId}; erasing is idempotent.
 *
 * @param requestId        unique id of the request (CloudEvent id is {@code requestId/attempt})
 * @param userId           pseudonymous user id; also the Kafka key
 * @param requiredServices services that must confirm before the request is complete
 * @param attempt          1 for the first publication, higher for re-sends
 * @param requestedAt      when the user asked
 * @param pendingServices  on a re-send, the services that have not answered yet: only they answer it; absent on
 *                         the first publication, when every required service answers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureRequested(
        String requestId,
        String userId,
        List<String> requiredServices,
        int attempt,
        Instant requestedAt,
        List<String> pendingServices) implements PrivacyRequest {
}
