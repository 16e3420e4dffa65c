package dev.marquee.analytics.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the topology runs: before the first rebalance completes (and during later ones) the
 * aggregates cannot be queried, so traffic should go elsewhere. Quarkus's own checks cover the input topics
 * (readiness) and a live stream client (liveness).
 */
@Readiness
@ApplicationScoped
public class AggregatesReadiness implements HealthCheck {
    private final KafkaStreams streams;

    public AggregatesReadiness(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("Analytics aggregates")
                .status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name())
                .build();
    }
}
