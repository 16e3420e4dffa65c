package dev.marquee.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the four internal services over real HTTP, for the gateway's own tests (the end-to-end test in
 * deploy runs the real ones). Each answers with whatever the test scripted for a method and path, and records
 * what it received.
 */
public class DownstreamStubs implements QuarkusTestResourceLifecycleManager {
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final Map<String, Scripted> SCRIPT = new ConcurrentHashMap<>();
    /** Services that drop every connection without answering, like a crashed process. */
    static final java.util.Set<String> DOWN = ConcurrentHashMap.newKeySet();
    /** Per service, how many of the next connections to drop without answering, like a restart under way. */
    static final Map<String, java.util.concurrent.atomic.AtomicInteger> DROP_NEXT = new ConcurrentHashMap<>();

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    /** What a stub received. */
    record Received(String service, String method, String path, String query, String authorization, String body) {
    }

    /** A scripted answer. */
    record Scripted(int status, String contentType, String body, Map<String, String> headers) {
    }

    /** Scripts the answer of {@code service} to {@code method path}. */
    static void answer(String service, String method, String path, int status, String contentType, String body,
                       Map<String, String> headers) {
        SCRIPT.put(service + " " + method + " " + path, new Scripted(status, contentType, body, headers));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String service : List.of("dialogue", "recommendation", "analytics", "privacy")) {
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> handle(service, exchange));
            server.start();
            servers.add(server);
            config.put("quarkus.rest-client." + service + ".url", "http://127.0.0.1:" + server.getAddress().getPort());
        }
        return config;
    }

    private static void handle(String service, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RECEIVED.add(new Received(service, exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        var drop = DROP_NEXT.get(service);
        if (DOWN.contains(service) || drop != null && drop.getAndDecrement() > 0) {
            exchange.close();
            return;
        }
        Scripted scripted = SCRIPT.getOrDefault(service + " " + exchange.getRequestMethod() + " " + path,
                new Scripted(404, "application/problem+json",
                        "{\"type\":\"https://marquee.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404}",
                        Map.of()));
        byte[] bytes = scripted.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", scripted.contentType());
        scripted.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(scripted.status(), bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        servers.forEach(s -> s.stop(0));
    }
}
