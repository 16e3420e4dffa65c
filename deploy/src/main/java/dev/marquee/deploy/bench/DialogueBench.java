package dev.marquee.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.deploy.LocalStack;
import dev.marquee.deploy.Service;
import dev.marquee.infra.TestIssuer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load on dialogue-service's offline path: {@code conversations} users chat at once, each as fast as replies
 * come, through a script that touches every kind of work the responder does (greeting, recommendations from
 * recommendation-service, a follow-up resolved from the stored conversation, genre and mood search, similar
 * titles, cast, help, small talk). Each script run is a new conversation; memory, turns and the outbox live in
 * PostgreSQL, events go to Kafka. Half of the users have given personalization consent, so both the personalized
 * and the anonymous path are in the mix. Calls go straight to dialogue-service (not through the gateway).
 */
final class DialogueBench {
    /** The script every user follows, with the intent each message is meant to have. */
    static final List<Map.Entry<String, String>> SCRIPT = List.of(
            Map.entry("hi there", "greeting"),
            Map.entry("can you recommend something to watch?", "recommend"),
            Map.entry("tell me more about the second one", "title_details"),
            Map.entry("show me some comedy movies", "search"),
            Map.entry("something cozy for a rainy night", "search"),
            Map.entry("movies similar to Orbit of Small Things", "recommend"),
            Map.entry("who stars in Orbit of Small Things", "title_details"),
            Map.entry("what game should I play tonight?", "recommend"),
            Map.entry("what can you do?", "help"),
            Map.entry("thanks, that was a great pick", "feedback"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private DialogueBench() {
    }

    /**
     * Runs the load twice: closed loop, which gives the most turns per second the stack can take, then paced at
     * {@code rate} turns per second over the same conversations, which gives the latency at that load. Before
     * both, {@code jitWarmup} of unmeasured closed-loop load lets the services' JIT compilers finish: on two cores
     * C2 still took a fifth of dialogue-service's CPU three minutes after its start, and nothing of it after six.
     */
    static String run(LocalStack stack, TestIssuer issuer, int conversations, int rate, Duration jitWarmup,
                      Duration warmup, Duration measure) throws IOException, InterruptedException {
        String dialogue = stack.config().url(Service.DIALOGUE) + "/v1/turns";
        String gateway = stack.config().url(Service.GATEWAY) + "/api/v1/privacy/consent";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);
        String[] tokens = new String[conversations];
        for (int i = 0; i < conversations; i++) {
            tokens[i] = issuer.tokenFor("bench-" + run + "-" + i).roles("user")
                    .issuedAgo(Duration.ZERO, jitWarmup.plus(warmup.plus(measure).multipliedBy(2)).plusMinutes(10))
                    .sign();
            if (i % 2 == 0) {
                send(http, HttpRequest.newBuilder(URI.create(gateway)).header("Authorization", "Bearer " + tokens[i])
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"purposes\":{\"personalization\":true}}")), 200);
            }
        }
        awaitConsent(stack, run, (conversations + 1) / 2);
        awaitContentVectors(stack);

        StringBuilder b = new StringBuilder("\nDialogue offline path, " + SCRIPT.size()
                + "-message conversations\n");
        warmUp(dialogue, tokens, jitWarmup);
        b.append(load(stack, dialogue, tokens, 0, warmup, measure));
        if (rate > 0) {
            b.append(load(stack, dialogue, tokens, rate, warmup, measure));
        }
        b.append("resident memory MiB: ").append(stack.residentMemory()).append('\n');
        return b.toString();
    }

    /** One load phase: as fast as replies come ({@code rate} 0) or paced at {@code rate} turns per second. */
    private static String load(LocalStack stack, String dialogue, String[] tokens, int rate, Duration warmup,
                               Duration measure) {
        Map<String, LongAdder> intents = new ConcurrentHashMap<>();
        Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();
        CpuUse cpu = CpuUse.start(stack);
        Instant measureStart = Instant.now().plus(warmup);
        LoadRun.Result result = LoadRun.run(tokens.length, rate, warmup, measure,
                i -> scripted(dialogue, tokens[i], intents, unexpected));

        StringBuilder b = new StringBuilder("measured from " + measureStart + ":\n");
        b.append(result.summary("turns"));
        Map<String, Long> seen = new TreeMap<>();
        intents.forEach((intent, count) -> seen.put(intent, count.sum()));
        b.append("intents (warm-up included): ").append(seen).append('\n');
        unexpected.forEach((what, count) -> b.append("  not the scripted intent: ").append(what).append(" (")
                .append(count.sum()).append(")\n"));
        b.append(String.format("CPU seconds during warm-up and measurement (%d s x %d cores): %s%n",
                warmup.plus(measure).toSeconds(), Runtime.getRuntime().availableProcessors(), cpu.since()));
        b.append("dialogue-service embeddings so far: ").append(embeddingCache(stack)).append('\n');
        return b.toString();
    }

    /** Unmeasured closed-loop load through the script, until the services' JIT compilers have done their work. */
    private static void warmUp(String dialogue, String[] tokens, Duration duration) {
        Map<String, LongAdder> ignored = new ConcurrentHashMap<>();
        LoadRun.run(tokens.length, 0, duration, Duration.ZERO, i -> scripted(dialogue, tokens[i], ignored, ignored));
    }

    /** One user going through the script over a kept-alive connection, counting the intents of the replies. */
    private static LoadRun.Call scripted(String dialogue, String token, Map<String, LongAdder> intents,
                                         Map<String, LongAdder> unexpected) {
        String path = URI.create(dialogue).getPath();
        return new LoadRun.Call() {
            private final HttpConnection connection = new HttpConnection(URI.create(dialogue), 30_000);
            private int step;
            private String conversationId;

            @Override
            public void run() throws Exception {
                var entry = SCRIPT.get(step);
                var body = JSON.createObjectNode().put("message", entry.getKey()).put("channel", "web");
                if (conversationId != null) {
                    body.put("conversationId", conversationId);
                }
                step = (step + 1) % SCRIPT.size();
                HttpConnection.Response response = connection.post(path, token, body.toString());
                if (response.status() != 200) {
                    throw new IOException("HTTP " + response.status());
                }
                JsonNode reply = JSON.readTree(response.body());
                conversationId = step == 0 ? null : reply.path("conversationId").asText();
                String intent = reply.path("intent").asText();
                intents.computeIfAbsent(intent, k -> new LongAdder()).increment();
                if (!intent.equals(entry.getValue())) {
                    unexpected.computeIfAbsent("'" + entry.getKey() + "' -> " + intent, k -> new LongAdder())
                            .increment();
                }
            }
        };
    }

    /** The dialogue-service's embedding cache hits and misses, from its metrics. */
    private static String embeddingCache(LocalStack stack) {
        try {
            HttpClient http = HttpClient.newHttpClient();
            String metrics = http.send(HttpRequest.newBuilder(URI.create(stack.config().url(Service.DIALOGUE)
                    + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            StringBuilder b = new StringBuilder();
            metrics.lines().filter(l -> l.startsWith("marquee_dialogue_embeddings_total"))
                    .forEach(l -> b.append(l.replaceAll("^marquee_dialogue_embeddings_total", "")).append("  "));
            return b.toString().strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void awaitConsent(LocalStack stack, String run, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        String database = stack.config().database(Service.DIALOGUE);
        while (stack.postgres().queryLong(database, "SELECT count(*) FROM consent_view WHERE user_id LIKE 'bench-"
                + run + "-%' AND personalization") < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("dialogue-service did not receive the consent of " + expected
                        + " bench users within 60 s");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until recommendation-service has embedded the whole demo catalog: it does so in the background after
     * it starts, and those minutes of CPU are not what this benchmark measures.
     */
    private static void awaitContentVectors(LocalStack stack) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(600);
        String database = stack.config().database(Service.RECOMMENDATION);
        while (stack.postgres().queryLong(database, "SELECT count(*) FROM title t WHERE NOT EXISTS "
                + "(SELECT 1 FROM title_vector v WHERE v.title_id = t.id)") > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("recommendation-service did not embed the catalog within 10 minutes");
            }
            Thread.sleep(1000);
        }
    }

    private static String send(HttpClient http, HttpRequest.Builder request, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }
}
