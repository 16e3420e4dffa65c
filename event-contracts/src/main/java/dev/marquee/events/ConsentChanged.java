package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user's consent changed. Consent is given per brand and per purpose. The event is published on a compacted
 * topic keyed by user, so it carries the user's complete current consent in every brand ({@code brands}), not just
 * the change; a consumer replaces everything it knew of the user with it.
 *
 * @param userId        pseudonymous user id; also the Kafka key
 * @param brand         brand (tenant) whose consent this change touched
 * @param purposes      the current decision for every purpose in {@code brand}
 * @param changed       the purposes this change touched, in {@code brand}
 * @param policyVersion version of the privacy policy the user saw
 * @param source        where the change came from, e.g. {@code web-privacy-page}, {@code api}
 * @param version       per-user sequence number of the consent state (across brands), increasing by one per change
 * @param occurredAt    when the change was recorded
 * @param brands        the current decisions in every brand the user has decided in, {@code brand} included;
 *                      absent in events from before consent was kept per brand, which speak for {@code brand} only
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
        Instant occurredAt,
        Map<String, Map<ConsentPurpose, Boolean>> brands) {

    /** A state in one brand only: the user has decided in no other. */
    public ConsentChanged(String userId, String brand, Map<ConsentPurpose, Boolean> purposes,
                          List<ConsentPurpose> changed, String policyVersion, String source, long version,
                          Instant occurredAt) {
        this(userId, brand, purposes, changed, policyVersion, source, version, occurredAt,
                Map.of(brand, purposes));
    }

    /** The decisions in every brand the user has decided in. */
    public Map<String, Map<ConsentPurpose, Boolean>> decisions() {
        return brands != null ? brands : Map.of(brand, purposes);
    }

    /** Whether the purpose is granted in the brand; nothing is granted in a brand the user never decided in. */
    public boolean granted(String inBrand, ConsentPurpose purpose) {
        Map<ConsentPurpose, Boolean> decided = decisions().get(inBrand);
        return decided != null && Boolean.TRUE.equals(decided.get(purpose));
    }

    /** The brands in which the purpose is granted, sorted. */
    public Set<String> brandsGranting(ConsentPurpose purpose) {
        Set<String> granting = new TreeSet<>();
        decisions().forEach((name, decided) -> {
            if (Boolean.TRUE.equals(decided.get(purpose))) {
                granting.add(name);
            }
        });
        return granting;
    }
}
