package dev.marquee.gateway.downstream;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpClosedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayTest {
    private final Relay relay = new Relay(new Config(), null, new SimpleMeterRegistry());

    /** Fails the first {@code failures} calls with the given exception, then answers 200. */
    private static Supplier<Response> failing(int failures, RuntimeException failure, AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= failures) {
                throw failure;
            }
            return Response.ok().build();
        };
    }

    @Test
    void aConnectionTheServiceClosedCountsAsNoAnswerAndAnIdempotentCallIsTriedAgain() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(relay.call("recommendation-service", true, failing(1, new HttpClosedException("closed"), calls))
                .getStatus()).isEqualTo(200);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aCallThatIsNotIdempotentIsTriedOnceAndAnUnansweredOneGives503() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> relay.call("privacy-service", false,
                failing(1, new ProcessingException("connection refused"), calls)))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(503));
        assertThat(calls).hasValue(1);
    }

    @Test
    void retriesStopAfterTheConfiguredNumber() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> relay.call("dialogue-service", true,
                failing(10, new HttpClosedException("closed"), calls))).isInstanceOf(ProblemException.class);
        assertThat(calls).hasValue(3);
    }

    private record Config() implements GatewayConfig {
        @Override
        public Telemetry telemetry() {
            throw new UnsupportedOperationException();
        }

        @Override
        public RateLimits rateLimits() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Web web() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Downstream downstream() {
            return new Downstream() {
                @Override
                public int retries() {
                    return 2;
                }

                @Override
                public Duration retryBackoff() {
                    return Duration.ofMillis(1);
                }

                @Override
                public int failureThreshold() {
                    return 5;
                }

                @Override
                public Duration openFor() {
                    return Duration.ofSeconds(1);
                }
            };
        }
    }
}
