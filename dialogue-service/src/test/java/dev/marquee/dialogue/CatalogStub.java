package dev.marquee.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.marquee.infra.FormData;
import dev.marquee.infra.ProjectRoot;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for recommendation-service over real HTTP in this module's tests (the end-to-end tests in deploy
 * run the real one). Serves the demo catalog the real service ships, recommends its titles in file order
 * within the requested filters, and records each request with its Authorization header, so tests can check
 * whose token was sent.
 */
public class CatalogStub implements QuarkusTestResourceLifecycleManager {
    static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();
    static volatile boolean down;
    /** What {@code /v1/activity} answers. */
    static volatile String activity = "[]";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> CATALOG = load();
    private HttpServer server;

    /** One request the stub received. */
    record Request(String path, String query, String authorization) {
    }

    private static List<JsonNode> load() {
        try {
            List<JsonNode> titles = new ArrayList<>();
            for (String line : Files.readAllLines(ProjectRoot.find()
                    .resolve("recommendation-service/src/main/resources/catalog/demo-catalog.jsonl"))) {
                if (!line.isBlank()) {
                    titles.add(JSON.readTree(line));
                }
            }
            return titles;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/", this::handle);
        server.start();
        return Map.of("quarkus.rest-client.recommendation.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        REQUESTS.add(new Request(path, FormData.decode(query),
                exchange.getRequestHeaders().getFirst("Authorization")));
        if (down && !path.equals("/v1/titles")) {
            respond(exchange, 503, "{\"title\":\"down\"}");
            return;
        }
        Map<String, List<String>> params = FormData.parse(query);
        String body = switch (path) {
            case "/v1/titles" -> titles(params);
            case "/v1/recommendations" -> recommendations(params);
            case "/v1/activity" -> activity;
            default -> null;
        };
        respond(exchange, body == null ? 404 : 200, body == null ? "{}" : body);
    }

    private static String titles(Map<String, List<String>> params) {
        int page = Integer.parseInt(params.getOrDefault("page", List.of("0")).getFirst());
        int size = Integer.parseInt(params.getOrDefault("size", List.of("20")).getFirst());
        ObjectNode result = JSON.createObjectNode();
        ArrayNode items = result.putArray("items");
        CATALOG.stream().skip((long) page * size).limit(size).forEach(items::add);
        result.put("page", page).put("size", size).put("total", CATALOG.size());
        return result.toString();
    }

    private static String recommendations(Map<String, List<String>> params) {
        String genre = params.getOrDefault("genre", List.of("")).getFirst();
        List<String> kinds = params.getOrDefault("kind", List.of());
        int maxAge = Integer.parseInt(params.getOrDefault("maxAgeRating", List.of("18")).getFirst());
        int k = Integer.parseInt(params.getOrDefault("k", List.of("3")).getFirst());
        ObjectNode result = JSON.createObjectNode().put("recommendationId", "rec-42").put("strategy", "trending")
                .put("variant", "control");
        ArrayNode items = result.putArray("items");
        CATALOG.stream()
                .filter(t -> genre.isEmpty() || t.get("genres").toString().contains("\"" + genre + "\""))
                .filter(t -> kinds.isEmpty() || kinds.contains(t.get("kind").asText()))
                .filter(t -> t.get("ageRating").asInt() <= maxAge)
                .filter(t -> java.time.Instant.parse(t.get("availableFrom").asText()).isBefore(java.time.Instant.now()))
                .limit(k)
                .forEach(t -> items.addObject().put("titleId", t.get("id").asText()).put("name", t.get("name").asText())
                        .put("kind", t.get("kind").asText()).set("genres", t.get("genres")));
        items.forEach(i -> ((ObjectNode) i).put("year", 2024).put("ageRating", 7).put("score", 3.5)
                .put("reason", "Trending this week"));
        return result.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
