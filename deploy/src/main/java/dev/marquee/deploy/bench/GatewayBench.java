package dev.marquee.deploy.bench;

import com.sun.net.httpserver.HttpServer;
import dev.marquee.deploy.LocalStack;
import dev.marquee.deploy.Service;
import dev.marquee.infra.TestIssuer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The gateway's own cost: token validation, rate limits and forwarding, against a downstream that answers at once
 * (an HTTP server in the load generator's process standing in for recommendation-service, with a trending list
 * of ten titles, about 1 KB). Three phases over kept-alive connections, each with its warm-up: the downstream
 * called directly (the baseline: what the load generator and the downstream cost by themselves), the same call
 * through the gateway in closed loop (the most requests per second), and through the gateway paced at a fixed
 * rate (latency at that load). Every worker acts for users of its own, with tokens signed by the bench's issuer.
 */
final class GatewayBench {
    /** The downstream's answer: ten trending titles, as recommendation-service would give them. */
    private static final byte[] TRENDING;

    static {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            items.append(i == 1 ? "" : ",").append("{\"titleId\":\"mv-").append(String.format("%04d", i))
                    .append("\",\"name\":\"Title ").append(i).append("\",\"score\":").append(10 - i)
                    .append(".5,\"reason\":\"Trending this week\",\"explanation\":{\"scorer\":\"trending\"}}");
        }
        TRENDING = ("{\"recommendationId\":\"00000000-0000-0000-0000-000000000000\",\"strategy\":\"trending\","
                + "\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private GatewayBench() {
    }

    /** Starts the stand-in downstream; its URL is what the gateway is configured with. */
    static HttpServer downstream() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, TRENDING.length);
            try (var out = exchange.getResponseBody()) {
                out.write(TRENDING);
            }
        });
        server.start();
        return server;
    }

    static String run(LocalStack stack, TestIssuer issuer, HttpServer downstream, int concurrency, int users,
                      int rate, Duration warmup, Duration measure) {
        String run = Long.toString(System.currentTimeMillis(), 36);
        Duration valid = warmup.plus(measure).multipliedBy(3).plusMinutes(10);
        String[] tokens = new String[users];
        for (int i = 0; i < users; i++) {
            tokens[i] = issuer.tokenFor("gw-" + run + "-" + i).roles("user").issuedAgo(Duration.ZERO, valid).sign();
        }
        URI direct = URI.create("http://127.0.0.1:" + downstream.getAddress().getPort());
        URI gateway = URI.create(stack.config().url(Service.GATEWAY));
        StringBuilder report = new StringBuilder("\nGateway overhead: GET /api/v1/trending, " + users + " users, "
                + "concurrency " + concurrency + ", a downstream that answers at once\n");
        report.append("baseline, the downstream called directly (closed loop):\n")
                .append(phase(stack, direct, "/v1/trending", tokens, concurrency, 0, warmup, measure));
        report.append("through the gateway (closed loop):\n")
                .append(phase(stack, gateway, "/api/v1/trending", tokens, concurrency, 0, warmup, measure));
        report.append("through the gateway, paced at ").append(rate).append(" requests/s:\n")
                .append(phase(stack, gateway, "/api/v1/trending", tokens, concurrency, rate, warmup, measure));
        report.append("resident memory MiB: ").append(stack.residentMemory()).append('\n');
        return report.toString();
    }

    private static String phase(LocalStack stack, URI base, String path, String[] tokens, int concurrency,
                                int rate, Duration warmup, Duration measure) {
        CpuUse cpu = CpuUse.start(stack);
        LoadRun.Result result = LoadRun.run(concurrency, rate, warmup, measure, i -> {
            HttpConnection connection = new HttpConnection(base, 30_000);
            int[] next = {i};
            return () -> {
                // Worker i acts for users i, i + concurrency, ...: no two workers share a user.
                String token = tokens[next[0]];
                next[0] = (next[0] + concurrency) % tokens.length;
                HttpConnection.Response response = connection.get(path, token);
                if (response.status() != 200) {
                    throw new IOException("HTTP " + response.status());
                }
            };
        });
        return result.summary("requests") + String.format("CPU seconds in the %d s: %s%n",
                warmup.plus(measure).toSeconds(), cpu.since());
    }
}
