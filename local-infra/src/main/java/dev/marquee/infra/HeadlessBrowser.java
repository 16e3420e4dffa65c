package dev.marquee.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol, for tests of the pages the services serve:
 * open a page, run JavaScript in it, wait for a condition, take a screenshot. Errors the page raises (uncaught
 * exceptions, {@code console.error}, failed loads) are collected so a test can assert there were none.
 * <p>
 * The binary comes from {@code deploy/local/chromium.sh ensure} (which installs Debian's chromium when missing
 * and allowed to). Chromium starts with a fresh profile and without background networking, which this closed
 * network refuses.
 */
public final class HeadlessBrowser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new ArrayList<>();

    private HeadlessBrowser(Process process, Path profile, WebSocket.Builder builder, URI page) {
        this.process = process;
        this.profile = profile;
        this.socket = builder.buildAsync(page, new Listener()).join();
    }

    /** Starts Chromium with a window of the given size in CSS pixels. */
    public static HeadlessBrowser launch(int width, int height) {
        String binary = binary();
        Path profile;
        try {
            profile = Files.createTempDirectory("marquee-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--hide-scrollbars", "--window-size=" + width + "," + height, "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(profile.resolve("chromium.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
        try {
            int port = devToolsPort(profile, process);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    page = target.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (page == null) {
                throw new IllegalStateException("Chromium opened no page: " + targets);
            }
            HeadlessBrowser browser = new HeadlessBrowser(process, profile, http.newWebSocketBuilder(),
                    URI.create(page));
            browser.send("Page.enable", JSON.createObjectNode());
            browser.send("Runtime.enable", JSON.createObjectNode());
            browser.send("Log.enable", JSON.createObjectNode());
            return browser;
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            Directories.deleteRecursively(profile);
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a URL and waits until the document and everything it loads have loaded. */
    public void open(String url) {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        JsonNode answer = send("Page.navigate", params);
        if (answer.hasNonNull("errorText")) {
            throw new IllegalStateException("could not open " + url + ": " + answer.get("errorText").asText());
        }
        awaitTrue("document.readyState === 'complete'", Duration.ofSeconds(30));
    }

    /**
     * Evaluates a JavaScript expression in the page (a promise is awaited) and returns its value as JSON.
     *
     * @throws IllegalStateException when the expression throws
     */
    public JsonNode evaluate(String expression) {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode answer = send("Runtime.evaluate", params);
        if (answer.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + describe(answer.get("exceptionDetails")));
        }
        return answer.path("result").path("value");
    }

    /**
     * Waits until a JavaScript expression is true, polling every 100 ms. While the page navigates (a sign-in
     * redirect, a form post) the expression may fail in the document that is going away; that counts as not yet.
     */
    public void awaitTrue(String expression, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String lastFailure = null;
        while (true) {
            try {
                if (evaluate("Boolean(" + expression + ")").asBoolean()) {
                    return;
                }
            } catch (IllegalStateException e) {
                lastFailure = e.getMessage();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not true within " + timeout + ": " + expression + "; page at "
                        + location() + (lastFailure == null ? "" : "; last failure: " + lastFailure)
                        + "; page errors: " + errors());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The page's current address, or what went wrong asking for it. */
    public String location() {
        try {
            return evaluate("location.href").asText();
        } catch (IllegalStateException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    /** A PNG screenshot of the viewport. */
    public byte[] screenshot() {
        JsonNode answer = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        return Base64.getDecoder().decode(answer.get("data").asText());
    }

    /** Errors the page raised so far: uncaught exceptions, console errors and log entries of level error. */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the browser goes anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Directories.deleteRecursively(profile);
    }

    private JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer from Chromium", e);
        } finally {
            pending.remove(id);
        }
    }

    private synchronized void onEvent(String method, JsonNode params) {
        switch (method) {
            case "Runtime.exceptionThrown" -> errors.add(describe(params.path("exceptionDetails")));
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(params.path("type").asText())) {
                    List<String> args = new ArrayList<>();
                    params.path("args").forEach(a -> args.add(a.has("value") ? a.get("value").asText()
                            : a.path("description").asText()));
                    errors.add("console.error: " + String.join(" ", args));
                }
            }
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                if ("error".equals(entry.path("level").asText())) {
                    errors.add(entry.path("source").asText() + ": " + entry.path("text").asText() + " "
                            + entry.path("url").asText(""));
                }
            }
            default -> {
            }
        }
    }

    private static String describe(JsonNode details) {
        JsonNode exception = details.path("exception");
        String text = exception.has("description") ? exception.get("description").asText()
                : details.path("text").asText();
        return text + " (" + details.path("url").asText("") + ":" + details.path("lineNumber").asInt() + ")";
    }

    private static int devToolsPort(Path profile, Process process) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited at start: "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Chromium did not open its DevTools port within 30 s");
    }

    private static String binary() {
        Path script = ProjectRoot.find().resolve("deploy/local/chromium.sh");
        try {
            Process ensure = new ProcessBuilder("bash", script.toString(), "ensure")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(ensure.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!ensure.waitFor(10, TimeUnit.MINUTES) || ensure.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException("no Chromium for the browser tests: deploy/local/chromium.sh "
                        + "ensure failed (install chromium or set MARQUEE_CHROMIUM)");
            }
            return out.lines().reduce((a, b) -> b).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Collects the text frames of CDP messages and dispatches them to commands and events. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    JsonNode node = JSON.readTree(message);
                    if (node.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.get(node.get("id").asInt());
                        if (answer != null) {
                            answer.complete(node);
                        }
                    } else if (node.has("method")) {
                        onEvent(node.get("method").asText(), node.path("params"));
                    }
                } catch (IOException e) {
                    synchronized (HeadlessBrowser.this) {
                        errors.add("unreadable DevTools message: " + e.getMessage());
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
