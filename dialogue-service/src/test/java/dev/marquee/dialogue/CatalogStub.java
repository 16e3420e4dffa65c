package dev.marquee.dialogue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for recommendation-service over real HTTP in this module's tests (the end-to-end test in deploy
 * runs the real one). Serves a fixed small catalog and records each request with its Authorization header,
 * so tests can check that the user's own token was forwarded.
 */
public class CatalogStub implements QuarkusTestResourceLifecycleManager {
    static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();
    static volatile boolean down;

    private HttpServer server;

    /** One request the stub received. */
    record Request(String path, String query, String authorization) {
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
        String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
        REQUESTS.add(new Request(path, query, exchange.getRequestHeaders().getFirst("Authorization")));
        if (down) {
            respond(exchange, 503, "{\"title\":\"down\"}");
            return;
        }
        String genre = query.contains("genre=comedy") ? "comedy" : "sci-fi";
        String body = switch (path) {
            case "/v1/catalog/facets" -> "{\"genres\":[\"comedy\",\"sci-fi\",\"space opera\",\"horror\"],"
                    + "\"kinds\":[\"movie\",\"game\"]}";
            case "/v1/recommendations" -> "{\"recommendationId\":\"rec-42\",\"strategy\":\"trending\","
                    + "\"variant\":\"control\",\"items\":["
                    + item("mv-0101", "Stub Title One", genre) + "," + item("mv-0102", "Stub Title Two", genre) + ","
                    + item("mv-0103", "Stub Title Three", genre) + "]}";
            case "/v1/titles" -> query.contains("query=orbit")
                    ? "{\"items\":[{\"id\":\"mv-0002\",\"kind\":\"movie\",\"name\":\"Orbit of Small Things\","
                    + "\"synopsis\":\"Two engineers repair a station.\",\"genres\":[\"sci-fi\"],\"year\":2023,"
                    + "\"ageRating\":12}],\"page\":0,\"size\":1,\"total\":1}"
                    : "{\"items\":[],\"page\":0,\"size\":1,\"total\":0}";
            default -> null;
        };
        if (body == null) {
            respond(exchange, 404, "{}");
        } else {
            respond(exchange, 200, body);
        }
    }

    private static String item(String id, String name, String genre) {
        return "{\"titleId\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"movie\",\"genres\":[\"" + genre
                + "\"],\"year\":2024,\"ageRating\":7,\"score\":3.5,\"reason\":\"Trending this week\"}";
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
