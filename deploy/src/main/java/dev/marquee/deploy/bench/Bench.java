package dev.marquee.deploy.bench;

import dev.marquee.deploy.LocalStack;
import dev.marquee.deploy.Service;
import dev.marquee.deploy.StackConfig;
import dev.marquee.infra.ProjectRoot;
import dev.marquee.infra.TestIssuer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./marquee bench <dialogue|recommendation|analytics|privacy|gateway> [options]}: starts a stack of its own (free ports,
 * {@code bench_*} databases, a built-in token issuer instead of Keycloak), runs the named load against it,
 * prints the figures that docs/benchmarks.md records, and stops the stack.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("dialogue", "recommendation", "analytics", "privacy", "gateway")
                .contains(args[0])) {
            usage();
        }
        boolean gateway = "gateway".equals(args[0]);
        boolean dialogue = "dialogue".equals(args[0]);
        boolean analytics = "analytics".equals(args[0]);
        boolean privacy = "privacy".equals(args[0]);
        Map<String, Integer> options = new HashMap<>(gateway
                ? Map.of("concurrency", 32, "users", 3200, "rate", 1000, "warmup", 20, "seconds", 30)
                : privacy ? Map.of("users", 200, "rate", 5) : dialogue
                ? Map.of("conversations", 50, "jit-warmup", 180, "warmup", 30, "seconds", 60, "rate", 200,
                        "embedding-cache", 0)
                : analytics ? Map.of("events", 1_000_000, "users", 100_000, "warmup-events", 600_000,
                        "backlog", 0)
                : Map.of("concurrency", 16, "warmup", 30, "seconds", 60, "titles", 100_000, "users", 50_000,
                        "interactions", 1_000_000, "burst", 200_000));
        // --set service:key=value passes a configuration property to one service (repeatable), for tuning runs.
        List<String[]> properties = new ArrayList<>();
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (name.equals("set") && i + 1 < args.length && args[i + 1].matches("[a-z]+:[^=]+=.*")) {
                properties.add(args[i + 1].split("[:=]", 3));
                continue;
            }
            if (!options.containsKey(name) || i + 1 >= args.length || !args[i + 1].matches("0|[1-9][0-9]*")) {
                usage();
            }
            options.put(name, Integer.parseInt(args[i + 1]));
        }
        Path root = ProjectRoot.find();
        TestIssuer issuer = TestIssuer.shared();
        System.out.println("Starting a stack for the benchmark (logs under "
                + ProjectRoot.home().resolve("bench/logs") + ")...");
        // Each benchmark has databases of its own: the recommendation dataset is kept between runs.
        StackConfig config = StackConfig.ephemeral(root, ProjectRoot.home().toAbsolutePath().resolve("bench"),
                issuer.issuer(), dialogue ? "benchdialogue" : analytics ? "benchanalytics" : privacy ? "benchprivacy"
                        : gateway ? "benchgateway" : "bench");
        com.sun.net.httpserver.HttpServer downstream = gateway ? GatewayBench.downstream() : null;
        // The privacy benchmark runs the whole stack: the saga runs between privacy-service and every service it
        // asks, the gateway too.
        if (gateway) {
            // The gateway alone, calling the bench's stand-in downstream. The load generator is one address standing
            // for many clients, so the per-address limit is lifted; the per-user limits apply as configured.
            config = config.onlyServices(Set.of(Service.GATEWAY))
                    .withProperty(Service.GATEWAY, "quarkus.rest-client.recommendation.url",
                            "http://127.0.0.1:" + downstream.getAddress().getPort())
                    .withProperty(Service.GATEWAY, "marquee.gateway.rate-limits.per-ip-per-minute", "100000000")
                    .withProperty(Service.GATEWAY, "marquee.gateway.rate-limits.per-ip-burst", "100000");
        } else if (analytics) {
            config = config.onlyServices(Set.of(Service.ANALYTICS)).withHeap(Service.ANALYTICS, 1024);
        } else if (dialogue) {
            // By default every message goes through the embedding model, as if no user ever repeated a text (the
            // script repeats its ten messages, which a cache would answer): the worst case.
            config = config.withProperty(Service.DIALOGUE, "marquee.dialogue.embedding-cache-size",
                    Integer.toString(options.get("embedding-cache")));
        } else if (!privacy) {
            // Only the service under test, with room for the large model; its database is kept between runs.
            config = config.onlyServices(Set.of(Service.RECOMMENDATION)).withHeap(Service.RECOMMENDATION, 1536)
                    .keepingData();
        }
        for (String[] property : properties) {
            Service service = Arrays.stream(Service.values())
                    .filter(candidate -> candidate.name().equalsIgnoreCase(property[0])).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no service named " + property[0]));
            config = config.withProperty(service, property[1], property[2]);
        }
        try (LocalStack stack = LocalStack.start(config)) {
            Duration warmup = Duration.ofSeconds(options.getOrDefault("warmup", 0));
            Duration measure = Duration.ofSeconds(options.getOrDefault("seconds", 0));
            if (gateway) {
                System.out.println(GatewayBench.run(stack, issuer, downstream, options.get("concurrency"),
                        options.get("users"), options.get("rate"), warmup, measure));
            } else if (privacy) {
                System.out.printf("Giving %d users data in every service, then erasing them at %d/s...%n",
                        options.get("users"), options.get("rate"));
                System.out.println(PrivacyBench.run(stack, issuer, options.get("users"), options.get("rate")));
            } else if (analytics) {
                System.out.printf("Producing %d events for %d users...%n", options.get("events"),
                        options.get("users"));
                System.out.println(AnalyticsBench.run(stack, options.get("events"), options.get("users"),
                        options.get("warmup-events"), options.get("backlog") != 0));
            } else if (dialogue) {
                System.out.printf("Running %d conversations: %d s of JIT warm-up, then per phase %d s warm-up and "
                        + "%d s measured...%n", options.get("conversations"), options.get("jit-warmup"),
                        options.get("warmup"), options.get("seconds"));
                System.out.println(DialogueBench.run(stack, issuer, options.get("conversations"), options.get("rate"),
                        Duration.ofSeconds(options.get("jit-warmup")), warmup, measure));
            } else {
                System.out.println(RecommendationBench.run(stack, issuer, new RecommendationBench.Options(
                        options.get("titles"), options.get("users"), options.get("interactions"),
                        options.get("concurrency"), warmup, measure, options.get("burst"))));
            }
        }
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: ./marquee bench dialogue [--conversations 50] [--jit-warmup 180] [--warmup 30] "
                + "[--seconds 60] [--rate 200] [--embedding-cache 0] [--set service:key=value]...");
        System.err.println("       ./marquee bench privacy [--users 200] [--rate 5] [--set service:key=value]...");
        System.err.println("       ./marquee bench gateway [--concurrency 32] [--users 3200] [--rate 1000] [--warmup 20] "
                + "[--seconds 30] [--set service:key=value]...");
        System.err.println("       ./marquee bench analytics [--events 1000000] [--users 100000] [--warmup-events 600000] "
                + "[--backlog 0|1] "
                + "[--set service:key=value]...");
        System.err.println("       ./marquee bench recommendation [--concurrency 16] [--warmup 30] [--seconds 60] "
                + "[--titles 100000] [--users 50000] [--interactions 1000000] [--burst 200000] [--set service:key=value]...");
        System.exit(2);
    }
}
