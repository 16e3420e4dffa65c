package dev.marquee.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An OpenAI Chat Completions server for tests, in the JVM: it speaks the wire format the real OpenAI client of
 * {@code quarkus-langchain4j-openai} expects, so a service under test runs its real model client, tools and
 * streaming against scripted answers.
 * <ul>
 *   <li>{@code POST /v1/chat/completions}, plain ({@code chat.completion}) or {@code "stream": true}
 *       ({@code chat.completion.chunk} server-sent events, one flushed chunk per word or argument piece, the usage
 *       chunk when {@code stream_options.include_usage} asks for it, then {@code [DONE]});</li>
 *   <li>{@code GET /v1/models} and {@code GET /v1/models/{id}};</li>
 *   <li>anything else: 404 with an OpenAI error body. Every request needs {@code Authorization: Bearer <key>}
 *       first, as at OpenAI (401 otherwise).</li>
 * </ul>
 * Each request body is recorded ({@link #requests()}); each chat completion is answered by the current
 * {@link Responder} — by default {@link #defaultReply(JsonNode)}.
 */
public final class OpenAiStub implements AutoCloseable {
    public static final String DEFAULT_API_KEY = "sk-marquee-test";
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    public static final List<String> DEFAULT_MODELS = List.of(DEFAULT_MODEL, "gpt-4o");
    public static final int TOOL_RESULT_ECHO_LIMIT = 200;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RECOMMEND_WORD = Pattern.compile("(?i)\\brecommend");
    private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=\\S)(?=\\s)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static OpenAiStub shared;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile String apiKey = DEFAULT_API_KEY;
    private volatile List<String> models = DEFAULT_MODELS;
    private volatile Responder responder = this::defaultReply;
    private volatile Function<JsonNode, String> recommendArguments = request -> "{}";

    private OpenAiStub(int port) {
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "openai-stub-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** A stub on a free port of 127.0.0.1. */
    public static OpenAiStub start() {
        return new OpenAiStub(0);
    }

    /** The stub shared by all tests of this JVM. */
    public static synchronized OpenAiStub shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "openai-stub-stop"));
        }
        return shared;
    }

    /** {@code http://127.0.0.1:PORT/v1}, which is {@code quarkus.langchain4j.openai.base-url}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The key requests must carry as {@code Authorization: Bearer <key>}; {@code null} when any request goes. */
    public String apiKey() {
        return apiKey;
    }

    /** Expects another key; {@code null} accepts requests with any key or none. */
    public OpenAiStub expectApiKey(String key) {
        this.apiKey = key;
        return this;
    }

    /** The model ids {@code GET /v1/models} lists. */
    public OpenAiStub models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /** Every request body received so far (JSON), oldest first, rejected ones (401) included; a snapshot. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The newest request body received. */
    public JsonNode lastRequest() {
        List<JsonNode> all = requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("The OpenAI stub has received no request");
        }
        return all.getLast();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Answers the next chat completions with {@code value}. */
    public OpenAiStub respondWith(Responder value) {
        this.responder = Objects.requireNonNull(value);
        return this;
    }

    /** Back to {@link #defaultReply(JsonNode)}. */
    public OpenAiStub respondWithDefault() {
        this.responder = this::defaultReply;
        return this;
    }

    /** The default behaviour as a responder, e.g. to fall back to after scripted replies. */
    public Responder defaultResponder() {
        return this::defaultReply;
    }

    /** The arguments (a JSON string) of the default responder's call to the recommending tool; {@code {}} at first. */
    public OpenAiStub recommendArguments(Function<JsonNode, String> value) {
        this.recommendArguments = Objects.requireNonNull(value);
        return this;
    }

    /** Forgets the requests and restores the default responder, recommend arguments, key and models. */
    public OpenAiStub reset() {
        clearRequests();
        responder = this::defaultReply;
        recommendArguments = request -> "{}";
        apiKey = DEFAULT_API_KEY;
        models = DEFAULT_MODELS;
        return this;
    }

    /**
     * What the stub says when not told otherwise:
     * <ol>
     *   <li>after a tool result (the last message has role {@code tool}): "Based on the catalog: " and the result,
     *       cut at {@value #TOOL_RESULT_ECHO_LIMIT} characters;</li>
     *   <li>when the request offers {@code tools} and the last user message has a word starting with "recommend"
     *       (any case), a call to the first tool whose name contains "recommend" (any case), with the
     *       {@linkplain #recommendArguments(Function) recommend arguments};</li>
     *   <li>otherwise "Stub reply to: " and the last user message.</li>
     * </ol>
     */
    public StubReply defaultReply(JsonNode request) {
        JsonNode messages = request.path("messages");
        JsonNode last = messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1) : null;
        if (last != null && "tool".equals(last.path("role").asText())) {
            String result = textOf(last.path("content"));
            if (result.length() > TOOL_RESULT_ECHO_LIMIT) {
                result = result.substring(0, TOOL_RESULT_ECHO_LIMIT);
            }
            return StubReply.text("Based on the catalog: " + result);
        }
        String userText = lastUserText(request);
        if (RECOMMEND_WORD.matcher(userText).find()) {
            for (JsonNode tool : request.path("tools")) {
                String name = tool.path("function").path("name").asText("");
                if (name.toLowerCase(Locale.ROOT).contains("recommend")) {
                    return StubReply.toolCalls(ToolCall.of(name, recommendArguments.apply(request)));
                }
            }
        }
        return StubReply.text("Stub reply to: " + userText);
    }

    /** The text of the last {@code user} message of a request, "" when there is none. */
    public static String lastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return textOf(messages.get(i).path("content"));
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- HTTP ---------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().replaceAll("/{2,}", "/");
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = null;
            if (body.length > 0) {
                try {
                    request = JSON.readTree(body);
                } catch (JsonProcessingException e) {
                    sendError(exchange, 400, "invalid_request_error", null,
                            "We could not parse the JSON body of your request. (" + e.getOriginalMessage() + ")");
                    return;
                }
                requests.add(request);
            }
            if (!authorized(exchange)) {
                return;
            }
            if (method.equals("POST") && path.equals("/v1/chat/completions")) {
                if (request == null || !request.isObject()) {
                    sendError(exchange, 400, "invalid_request_error", null, "The request body must be a JSON object.");
                    return;
                }
                chatCompletion(exchange, request);
            } else if (method.equals("GET") && path.equals("/v1/models")) {
                ArrayNode data = JSON.createArrayNode();
                models.forEach(id -> data.add(model(id)));
                ObjectNode list = JSON.createObjectNode().put("object", "list");
                list.set("data", data);
                sendJson(exchange, 200, list);
            } else if (method.equals("GET") && path.startsWith("/v1/models/")
                    && models.contains(path.substring("/v1/models/".length()))) {
                sendJson(exchange, 200, model(path.substring("/v1/models/".length())));
            } else {
                sendError(exchange, 404, "invalid_request_error", null,
                        "Invalid URL (" + method + " " + exchange.getRequestURI().getPath() + ")");
            }
        } catch (IOException e) {
            // The client went away (e.g. its read timeout while a reply was delayed): nothing left to answer.
        } catch (RuntimeException e) {
            try {
                sendError(exchange, 500, "server_error", null, "OpenAI stub failure: " + e);
            } catch (IOException | RuntimeException ignored) {
                // The response had already started.
            }
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String expected = apiKey;
        if (expected == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.isBlank()) {
            sendError(exchange, 401, "invalid_request_error", null,
                    "You didn't provide an API key. You need to provide your API key in an Authorization header "
                            + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
            return false;
        }
        String given = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : header;
        if (!given.equals(expected)) {
            sendError(exchange, 401, "invalid_request_error", "invalid_api_key",
                    "Incorrect API key provided: " + mask(given) + ".");
            return false;
        }
        return true;
    }

    private void chatCompletion(HttpExchange exchange, JsonNode request) throws IOException {
        StubReply reply;
        try {
            reply = Objects.requireNonNull(responder.reply(request), "the responder returned null");
        } catch (RuntimeException e) {
            sendError(exchange, 500, "server_error", null, "The OpenAI stub's responder failed: " + e);
            return;
        }
        pause(reply.delay());
        if (reply.isError()) {
            sendError(exchange, reply.status(), errorType(reply.status()), errorCode(reply.status()),
                    reply.errorMessage());
            return;
        }
        Completion completion = new Completion("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""),
                Instant.now().getEpochSecond(), request.path("model").asText(DEFAULT_MODEL), reply,
                usage(request, reply));
        if (request.path("stream").asBoolean(false)) {
            stream(exchange, completion, request.path("stream_options").path("include_usage").asBoolean(false));
        } else {
            sendJson(exchange, 200, completion.whole());
        }
    }

    private void stream(HttpExchange exchange, Completion completion, boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        StubReply reply = completion.reply();
        Duration gap = reply.chunkDelay();

        ObjectNode first = JSON.createObjectNode().put("role", "assistant").put("content", "");
        event(out, completion.chunk(first, null));
        if (reply.toolCalls().isEmpty()) {
            for (String piece : WORD_BOUNDARY.split(reply.text())) {
                if (!piece.isEmpty()) {
                    pause(gap);
                    event(out, completion.chunk(JSON.createObjectNode().put("content", piece), null));
                }
            }
        } else {
            for (int index = 0; index < reply.toolCalls().size(); index++) {
                ToolCall call = reply.toolCalls().get(index);
                ObjectNode opening = JSON.createObjectNode().put("index", index).put("id", call.id())
                        .put("type", "function");
                opening.putObject("function").put("name", call.name()).put("arguments", "");
                pause(gap);
                event(out, completion.chunk(toolCallsDelta(opening), null));
                for (String piece : argumentPieces(call.arguments())) {
                    ObjectNode more = JSON.createObjectNode().put("index", index);
                    more.putObject("function").put("arguments", piece);
                    pause(gap);
                    event(out, completion.chunk(toolCallsDelta(more), null));
                }
            }
        }
        pause(gap);
        event(out, completion.chunk(JSON.createObjectNode(), completion.finishReason()));
        if (includeUsage) {
            ObjectNode usageChunk = completion.envelope("chat.completion.chunk");
            usageChunk.putArray("choices");
            usageChunk.set("usage", completion.usage().toJson());
            event(out, usageChunk);
        }
        write(out, "data: [DONE]\n\n");
        out.close();
    }

    private static ObjectNode toolCallsDelta(ObjectNode toolCall) {
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(toolCall);
        return delta;
    }

    /** The arguments in two or more pieces (one when shorter than two characters). */
    static List<String> argumentPieces(String arguments) {
        if (arguments.length() < 2) {
            return List.of(arguments);
        }
        int size = Math.max(1, (arguments.length() + 2) / 3);
        List<String> pieces = new ArrayList<>();
        for (int start = 0; start < arguments.length(); start += size) {
            pieces.add(arguments.substring(start, Math.min(arguments.length(), start + size)));
        }
        return pieces;
    }

    private static void event(OutputStream out, JsonNode chunk) throws IOException {
        write(out, "data: " + JSON.writeValueAsString(chunk) + "\n\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode model(String id) {
        return JSON.createObjectNode().put("id", id).put("object", "model").put("created", 1_700_000_000L)
                .put("owned_by", "marquee-stub");
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendError(HttpExchange exchange, int status, String type, String code, String message)
            throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        sendJson(exchange, status, error);
    }

    private static String errorType(int status) {
        if (status == 429) {
            return "requests";
        }
        return status >= 500 ? "server_error" : "invalid_request_error";
    }

    private static String errorCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 404 -> "model_not_found";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
    }

    private static String mask(String key) {
        return key.length() <= 8 ? "****" : key.substring(0, 3) + "****" + key.substring(key.length() - 4);
    }

    private static void pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- Content and usage --------------------------------------------------------------------------------------

    /** A message content as text: a string, or the {@code text} parts of a content array. */
    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.hasNonNull("text")) {
                    text.append(text.isEmpty() ? "" : "\n").append(part.get("text").asText());
                }
            }
            return text.toString();
        }
        return "";
    }

    private static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : WHITESPACE.split(trimmed).length;
    }

    /** Rough usage: prompt tokens are the words of all messages, completion tokens the words of the reply. */
    private static Usage usage(JsonNode request, StubReply reply) {
        int prompt = 0;
        for (JsonNode message : request.path("messages")) {
            prompt += words(textOf(message.path("content")));
            for (JsonNode call : message.path("tool_calls")) {
                prompt += words(call.path("function").path("name").asText("") + " "
                        + call.path("function").path("arguments").asText(""));
            }
        }
        int completion = words(reply.text());
        for (ToolCall call : reply.toolCalls()) {
            completion += words(call.name() + " " + call.arguments());
        }
        return new Usage(prompt, completion);
    }

    private record Usage(int prompt, int completion) {
        ObjectNode toJson() {
            return JSON.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                    .put("total_tokens", prompt + completion);
        }
    }

    private record Completion(String id, long created, String model, StubReply reply, Usage usage) {
        String finishReason() {
            return reply.toolCalls().isEmpty() ? "stop" : "tool_calls";
        }

        ObjectNode envelope(String object) {
            return JSON.createObjectNode().put("id", id).put("object", object).put("created", created)
                    .put("model", model).put("system_fingerprint", "fp_marquee_stub");
        }

        ObjectNode whole() {
            ObjectNode message = JSON.createObjectNode().put("role", "assistant");
            if (reply.toolCalls().isEmpty()) {
                message.put("content", reply.text());
            } else {
                message.putNull("content");
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall call : reply.toolCalls()) {
                    ObjectNode json = calls.addObject().put("id", call.id()).put("type", "function");
                    json.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                }
            }
            ObjectNode body = envelope("chat.completion");
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
            choice.set("message", message);
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason());
            body.set("usage", usage.toJson());
            return body;
        }

        ObjectNode chunk(ObjectNode delta, String finishReason) {
            ObjectNode body = envelope("chat.completion.chunk");
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
            return body;
        }
    }

    // --- Scripting ----------------------------------------------------------------------------------------------

    /** Chooses the reply to one chat completion request (its JSON body). */
    @FunctionalInterface
    public interface Responder {
        StubReply reply(JsonNode request);

        /** The replies in order, then the last one again and again. */
        static Responder sequence(StubReply... replies) {
            if (replies.length == 0) {
                throw new IllegalArgumentException("At least one reply");
            }
            AtomicInteger next = new AtomicInteger();
            return request -> replies[Math.min(next.getAndIncrement(), replies.length - 1)];
        }

        /** The replies in order, then {@code then} — e.g. two 429s, then the stub's default. */
        static Responder sequence(Responder then, StubReply... first) {
            Objects.requireNonNull(then);
            AtomicInteger next = new AtomicInteger();
            return request -> {
                int i = next.getAndIncrement();
                return i < first.length ? first[i] : then.reply(request);
            };
        }
    }

    /** A tool call of the model; {@code arguments} is the JSON string OpenAI sends. */
    public record ToolCall(String id, String name, String arguments) {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            arguments = arguments == null ? "{}" : arguments;
        }

        /** A call with a fresh {@code call_…} id. */
        public static ToolCall of(String name, String arguments) {
            return new ToolCall("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24), name,
                    arguments);
        }
    }

    /** One answer of the stub: text, tool calls or an HTTP error, possibly late. */
    public static final class StubReply {
        private final String text;
        private final List<ToolCall> toolCalls;
        private final int status;
        private final String errorMessage;
        private final Duration delay;
        private final Duration chunkDelay;

        private StubReply(String text, List<ToolCall> toolCalls, int status, String errorMessage, Duration delay,
                Duration chunkDelay) {
            this.text = text;
            this.toolCalls = toolCalls;
            this.status = status;
            this.errorMessage = errorMessage;
            this.delay = delay;
            this.chunkDelay = chunkDelay;
        }

        /** The assistant says {@code text} ({@code finish_reason: stop}). */
        public static StubReply text(String text) {
            return new StubReply(Objects.requireNonNull(text), List.of(), 200, null, Duration.ZERO, Duration.ZERO);
        }

        /** The assistant calls tools ({@code finish_reason: tool_calls}). */
        public static StubReply toolCalls(ToolCall... calls) {
            if (calls.length == 0) {
                throw new IllegalArgumentException("At least one tool call");
            }
            return new StubReply("", List.of(calls), 200, null, Duration.ZERO, Duration.ZERO);
        }

        /** One call of {@code name} with a fresh id. */
        public static StubReply toolCall(String name, String arguments) {
            return toolCalls(ToolCall.of(name, arguments));
        }

        /**
         * An HTTP error with an OpenAI error body, e.g. 429 ({@code type: requests, code: rate_limit_exceeded}) or
         * 500 ({@code type: server_error}); streaming requests get it before any event, as from OpenAI.
         */
        public static StubReply error(int status, String message) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("Not an HTTP error status: " + status);
            }
            return new StubReply("", List.of(), status, Objects.requireNonNull(message), Duration.ZERO,
                    Duration.ZERO);
        }

        /** The same reply, sent only after {@code value} (before the status line), e.g. for timeout tests. */
        public StubReply withDelay(Duration value) {
            return new StubReply(text, toolCalls, status, errorMessage, Objects.requireNonNull(value), chunkDelay);
        }

        /** The same reply, streamed with {@code value} between chunks (streaming requests only). */
        public StubReply withChunkDelay(Duration value) {
            return new StubReply(text, toolCalls, status, errorMessage, delay, Objects.requireNonNull(value));
        }

        public boolean isError() {
            return status >= 400;
        }

        /** The text; "" for tool calls and errors. */
        public String text() {
            return text;
        }

        public List<ToolCall> toolCalls() {
            return toolCalls;
        }

        /** 200, or the error status. */
        public int status() {
            return status;
        }

        public String errorMessage() {
            return errorMessage;
        }

        public Duration delay() {
            return delay;
        }

        public Duration chunkDelay() {
            return chunkDelay;
        }

        @Override
        public String toString() {
            if (isError()) {
                return "StubReply[error " + status + ": " + errorMessage + "]";
            }
            return toolCalls.isEmpty() ? "StubReply[text: " + text + "]" : "StubReply[tool calls: " + toolCalls + "]";
        }
    }
}
