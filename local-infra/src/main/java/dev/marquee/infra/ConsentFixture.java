package dev.marquee.infra;

import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Consent as privacy-service publishes it on {@code marquee.privacy.consent.v1}, for service tests: publishes a
 * user's complete consent state and waits until the service under test shows it in its {@code consent_view}.
 */
public final class ConsentFixture {
    private ConsentFixture() {
    }

    /**
     * Publishes the user's consent in the default brand {@code marquee} only (purposes not given are refused) as
     * state {@code version} and waits until the service owning {@code database} applied it.
     */
    public static void publish(KafkaTestClient kafka, String database, String userId,
                               Map<ConsentPurpose, Boolean> granted, long version) {
        publishInBrands(kafka, database, userId, Map.of("marquee", granted), version);
    }

    /**
     * Publishes the user's consent in each brand given (purposes not given are refused; no other brand is decided)
     * as state {@code version} and waits until the service owning {@code database} applied it.
     */
    public static void publishInBrands(KafkaTestClient kafka, String database, String userId,
                                       Map<String, Map<ConsentPurpose, Boolean>> grantedByBrand, long version) {
        Map<String, Map<ConsentPurpose, Boolean>> brands = new TreeMap<>();
        grantedByBrand.forEach((brand, granted) -> {
            Map<ConsentPurpose, Boolean> purposes = new EnumMap<>(ConsentPurpose.class);
            for (ConsentPurpose p : ConsentPurpose.values()) {
                purposes.put(p, granted.getOrDefault(p, false));
            }
            brands.put(brand, purposes);
        });
        String brand = brands.keySet().iterator().next();
        kafka.send(EventEnvelope.forUser(userId, UUID.randomUUID().toString(), "/marquee/privacy-service",
                Instant.now(), new ConsentChanged(userId, brand, brands.get(brand),
                        List.copyOf(brands.get(brand).keySet()), "2026-01", "api", version, Instant.now(), brands)));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (PostgresServer.obtain().queryLong(database, "SELECT count(*) FROM consent_view WHERE user_id = '"
                + userId + "' AND version = " + version) != brands.size()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the consent of " + userId + " did not reach " + database + " in 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
