package dev.marquee.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.deploy.LocalStack;
import dev.marquee.deploy.Service;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.infra.TestIssuer;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Completion time of the erasure saga across every service of the local stack. Each user first gets data in
 * every service (two chat turns in dialogue-service, which also asks recommendation-service for titles and
 * announces the turns to analytics-service; consent in privacy-service; interactions through Kafka). Then
 * erasures are requested at a fixed rate, and each one's completion time is taken from privacy-service's own
 * record: from the request to the last service's confirmation ({@code completedAt - requestedAt}), so polling
 * adds nothing to it.
 */
final class PrivacyBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrivacyBench() {
    }

    static String run(LocalStack stack, TestIssuer issuer, int users, int rate) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dialogue = stack.config().url(Service.DIALOGUE);
        String privacy = stack.config().url(Service.PRIVACY);
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = BurstProducer.open(stack.config().kafkaBootstrap())) {
            for (int u = 0; u < users; u++) {
                String user = "leaver-" + run + "-" + u;
                String token = issuer.token(user, "user");
                call("PUT", privacy + "/v1/consent", token,
                        "{\"purposes\":{\"personalization\":true,\"analytics\":true}}");
                JsonNode first = call("POST", dialogue + "/v1/turns", token, "{\"message\":\"hi\"}");
                call("POST", dialogue + "/v1/turns", token, "{\"message\":\"recommend me something funny\","
                        + "\"conversationId\":\"" + first.get("conversationId").asText() + "\"}");
                for (int i = 0; i < 5; i++) {
                    String id = UUID.randomUUID().toString();
                    Instant at = Instant.now();
                    BurstProducer.send(producer, EventEnvelope.forUser(user, id, "/marquee/gateway-service", at,
                            new Interaction(id, user, String.format("mv-%04d", 1 + (u * 5 + i) % 400),
                                    InteractionType.PLAY, null, null, "home", "marquee", "web", at)));
                }
                ids.add(user);
            }
            producer.flush();
        }
        // Let every service take in the data before the erasures start.
        Thread.sleep(5_000);

        List<String> requests = new ArrayList<>();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        Instant started = Instant.now();
        for (String user : ids) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            JsonNode created = call("POST", privacy + "/v1/erasure-requests", issuer.token(user, "user"), null);
            requests.add(user + " " + created.get("requestId").asText());
        }
        long[] millis = new long[requests.size()];
        int done = 0;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        for (String entry : requests) {
            String[] parts = entry.split(" ");
            String token = issuer.token(parts[0], "user");
            while (true) {
                JsonNode view = call("GET", privacy + "/v1/erasure-requests/" + parts[1], token, null);
                if ("completed".equals(view.get("status").asText())) {
                    millis[done++] = Duration.between(Instant.parse(view.get("requestedAt").asText()),
                            Instant.parse(view.get("completedAt").asText())).toMillis();
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("erasure " + parts[1] + " did not complete: " + view);
                }
                Thread.sleep(50);
            }
        }
        Arrays.sort(millis);
        Duration sending = Duration.between(started, Instant.now());
        return String.format("Erasure saga: %d erasures requested at %d/s, each confirmed by dialogue, recommendation, "
                        + "analytics and the gateway (users with 2 turns, 5 interactions, consent)%n"
                        + "completion time ms: p50 %d, p90 %d, p99 %d, max %d (all done %.1f s after the first "
                        + "request)%nCPU seconds per component: %s%nresident memory MiB: %s%n",
                millis.length, rate, pct(millis, 0.50), pct(millis, 0.90), pct(millis, 0.99), millis[millis.length - 1],
                sending.toMillis() / 1000.0, stack.cpuTimes(), stack.residentMemory());
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static JsonNode call(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return EventCodec.instance().mapper().readTree(response.body());
    }
}
