package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user's consent changed. Published on a compacted topic keyed by user, so every event carries the
 * user's complete current consent state, not just the change.
 *
 * @param userId        pseudonymous user id; also the Kafka key
 * @param brand         brand (tenant) the consent was given to
 * @param purposes      the current decision for every purpose
 * @param changed       the purposes this change touched
 * @param policyVersion version of the privacy policy the user saw
 * @param source        where the change came from, e.g. {@code web-privacy-page}, {@code api}
 * @param version       per-user sequence number of the consent state, increasing by one per change
 * @param occurredAt    when the change was recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentChanged(
        String userId,
        String brand,
        Map<ConsentPurpose, Boolean> purposes,
        List<ConsentPurpose> changed,
        String policyVersion,
        String source,
        long version,
        Instant occurredAt) {

    public boolean granted(ConsentPurpose purpose) {
        return Boolean.TRUE.equals(purposes.get(purpose));
    }
}
