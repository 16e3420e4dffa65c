package dev.marquee.infra;

import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Consent as privacy-service publishes it on {@code marquee.privacy.consent.v1}, for service tests: publishes a
 * user's complete consent state and waits until the service under test shows it in its {@code consent_view}.
 */
public final class ConsentFixture {
    private ConsentFixture() {
    }

    /**
     * Publishes the user's consent (purposes not given are refused) as state {@code version} and waits until the
     * service owning {@code database} applied it.
     */
    public static void publish(KafkaTestClient kafka, String database, String userId,
                               Map<ConsentPurpose, Boolean> granted, long version) {
        Map<ConsentPurpose, Boolean> purposes = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose p : ConsentPurpose.values()) {
            purposes.put(p, granted.getOrDefault(p, false));
        }
        kafka.send(EventEnvelope.forUser(userId, UUID.randomUUID().toString(), "/marquee/privacy-service",
                Instant.now(), new ConsentChanged(userId, "marquee", purposes, List.copyOf(purposes.keySet()),
                        "2026-01", "api", version, Instant.now())));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (PostgresServer.obtain().queryLong(database, "SELECT count(*) FROM consent_view WHERE user_id = '"
                + userId + "' AND version = " + version) != 1) {
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
