package dev.marquee.dialogue;

import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.events.EventEnvelope;
import dev.marquee.infra.KafkaTestClient;
import dev.marquee.infra.PostgresServer;
import dev.marquee.infra.quarkus.PostgresResource;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Consent as privacy-service publishes it, applied by the running dialogue-service before a test goes on. */
final class ConsentFixture {
    private ConsentFixture() {
    }

    /** Publishes the user's consent (purposes not given are refused) and waits until the service applied it. */
    static void grant(KafkaTestClient kafka, String userId, Map<ConsentPurpose, Boolean> granted) {
        Map<ConsentPurpose, Boolean> purposes = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose p : ConsentPurpose.values()) {
            purposes.put(p, granted.getOrDefault(p, false));
        }
        kafka.send(EventEnvelope.forUser(userId, UUID.randomUUID().toString(), "/marquee/privacy-service",
                Instant.now(), new ConsentChanged(userId, "marquee", purposes, List.of(ConsentPurpose.PERSONALIZATION),
                        "2026-01", "api", 1, Instant.now())));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> PostgresServer.obtain().queryLong(
                PostgresResource.databaseName("dialogue"),
                "SELECT count(*) FROM consent_view WHERE user_id = '" + userId + "'") == 1);
    }
}
