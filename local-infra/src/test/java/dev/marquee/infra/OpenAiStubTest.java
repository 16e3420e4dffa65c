package dev.marquee.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marquee.infra.OpenAiStub.Responder;
import dev.marquee.infra.OpenAiStub.StubReply;
import dev.marquee.infra.OpenAiStub.ToolCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiStubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static OpenAiStub stub;

    @BeforeAll
    static void startStub() {
        stub = OpenAiStub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @BeforeEach
    void resetStub() {
        stub.reset();
    }

    @Test
    void answersAPlainRequestWithAChatCompletionEchoingTheModel() throws Exception {
        assertThat(stub.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1");

        HttpResponse<String> response = post(request(false, "Hello there, stub"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Stub reply to: Hello there, stub");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        // Prompt: "You are terse." (3 words) + "Hello there, stub" (3); completion: 6 words.
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(6);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(6);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(12);

        assertThat(stub.requests()).hasSize(1);
        assertThat(stub.lastRequest().path("messages").get(1).path("content").asText()).isEqualTo("Hello there, stub");
        stub.clearRequests();
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void callsTheRecommendingToolWhenAskedToRecommendThenSummarisesItsResult() throws Exception {
        JsonNode body = JSON.readTree(post(withTools(request(false, "Can you Recommend a thriller?"))).body());

        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        JsonNode call = choice.path("message").path("tool_calls").get(0);
        assertThat(call.path("id").asText()).startsWith("call_");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("getRecommendations");
        assertThat(call.path("function").path("arguments").asText()).isEqualTo("{}");

        stub.recommendArguments(request -> "{\"genre\":\"thriller\"}");
        JsonNode custom = JSON.readTree(post(withTools(request(false, "recommend something"))).body());
        assertThat(custom.at("/choices/0/message/tool_calls/0/function/arguments").asText())
                .isEqualTo("{\"genre\":\"thriller\"}");

        // Without tools, or without the word, it just talks.
        JsonNode noTools = JSON.readTree(post(request(false, "recommend something")).body());
        assertThat(noTools.at("/choices/0/message/content").asText()).isEqualTo("Stub reply to: recommend something");

        ObjectNode followUp = withTools(request(false, "recommend something"));
        ((ArrayNode) followUp.get("messages")).addObject().put("role", "assistant").putNull("content")
                .putArray("tool_calls").addObject().put("id", "call_1").put("type", "function")
                .putObject("function").put("name", "getRecommendations").put("arguments", "{}");
        String catalog = "x".repeat(250);
        ((ArrayNode) followUp.get("messages")).addObject().put("role", "tool").put("tool_call_id", "call_1")
                .put("content", catalog);
        JsonNode answer = JSON.readTree(post(followUp).body());
        assertThat(answer.at("/choices/0/message/content").asText())
                .isEqualTo("Based on the catalog: " + "x".repeat(200));
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void streamsTextWordByWordWithUsageWhenAskedFor() throws Exception {
        ObjectNode request = request(true, "Tell me about the film");
        request.putObject("stream_options").put("include_usage", true);

        HttpResponse<String> response = post(request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<String> data = events(response.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : data.subList(0, data.size() - 1)) {
            chunks.add(JSON.readTree(event));
        }
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(chunk.path("id").asText()).isEqualTo(chunks.getFirst().path("id").asText());
        });
        JsonNode first = chunks.getFirst().at("/choices/0/delta");
        assertThat(first.path("role").asText()).isEqualTo("assistant");
        assertThat(first.path("content").asText()).isEmpty();

        StringBuilder text = new StringBuilder();
        int pieces = 0;
        for (JsonNode chunk : chunks.subList(1, chunks.size() - 2)) {
            assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue();
            text.append(chunk.at("/choices/0/delta/content").asText());
            pieces++;
        }
        assertThat(text.toString()).isEqualTo("Stub reply to: Tell me about the film");
        assertThat(pieces).isEqualTo(8);

        JsonNode last = chunks.get(chunks.size() - 2);
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(last.at("/choices/0/delta").isEmpty()).isTrue();
        JsonNode usage = chunks.getLast();
        assertThat(usage.path("choices").isArray()).isTrue();
        assertThat(usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(8);
        assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(3 + 5 + 8);
    }

    @Test
    void flushesEachChunkOnItsOwn() throws Exception {
        stub.respondWith(request -> StubReply.text("one two three four").withChunkDelay(Duration.ofMillis(150)));

        HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(
                httpPost(request(true, "count")), HttpResponse.BodyHandlers.ofLines());
        List<Long> arrivals = new ArrayList<>();
        response.body().filter(line -> line.startsWith("data: ")).forEach(line -> arrivals.add(System.nanoTime()));

        assertThat(arrivals).hasSize(1 + 4 + 1 + 1);
        // Five 150 ms gaps separate the first chunk from the finish chunk: they did not arrive together.
        assertThat(Duration.ofNanos(arrivals.get(5) - arrivals.get(0))).isGreaterThan(Duration.ofMillis(500));
    }

    @Test
    void streamsToolCallsWithTheArgumentsInPieces() throws Exception {
        String arguments = "{\"genre\":\"thriller\",\"limit\":3}";
        stub.respondWith(request -> StubReply.toolCalls(new ToolCall("call_a", "getRecommendations", arguments),
                new ToolCall("call_b", "getTitle", "{}")));

        List<String> data = events(post(request(true, "recommend")).body());

        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : data.subList(0, data.size() - 1)) {
            chunks.add(JSON.readTree(event));
        }
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        List<List<JsonNode>> pieces = List.of(new ArrayList<>(), new ArrayList<>());
        for (JsonNode chunk : chunks.subList(1, chunks.size() - 1)) {
            JsonNode calls = chunk.at("/choices/0/delta/tool_calls");
            assertThat(calls.size()).isEqualTo(1);
            pieces.get(calls.get(0).path("index").asInt()).add(calls.get(0));
        }
        for (int index = 0; index < 2; index++) {
            List<JsonNode> call = pieces.get(index);
            JsonNode opening = call.getFirst();
            assertThat(opening.path("id").asText()).isEqualTo(index == 0 ? "call_a" : "call_b");
            assertThat(opening.path("type").asText()).isEqualTo("function");
            assertThat(opening.at("/function/name").asText()).isEqualTo(index == 0 ? "getRecommendations" : "getTitle");
            assertThat(call.size()).isGreaterThanOrEqualTo(3);
            StringBuilder joined = new StringBuilder();
            for (JsonNode piece : call.subList(1, call.size())) {
                assertThat(piece.has("id")).isFalse();
                assertThat(piece.at("/function").has("name")).isFalse();
                joined.append(piece.at("/function/arguments").asText());
            }
            assertThat(joined.toString()).isEqualTo(index == 0 ? arguments : "{}");
        }
        JsonNode last = chunks.getLast();
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(last.has("usage")).isFalse();
    }

    @Test
    void rejectsAMissingOrWrongKeyLikeOpenAi() throws Exception {
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request(false, "hi").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(missing.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(JSON.readTree(missing.body()).at("/error/message").asText()).contains("didn't provide an API key");

        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/models"))
                .header("Authorization", "Bearer sk-not-the-right-one").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(wrong.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");

        stub.expectApiKey("sk-other");
        assertThat(post(request(false, "hi")).statusCode()).isEqualTo(401);
        assertThat(HTTP.send(httpPost(request(false, "hi"), "sk-other"), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void repliesWithScriptedHttpErrorsThenRecovers() throws Exception {
        stub.respondWith(Responder.sequence(stub.defaultResponder(),
                StubReply.error(429, "Rate limit reached for gpt-4o-mini"), StubReply.error(500, "The server had an error")));

        HttpResponse<String> limited = post(request(true, "hi"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = JSON.readTree(limited.body()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("Rate limit reached for gpt-4o-mini");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");

        HttpResponse<String> failed = post(request(false, "hi"));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(failed.body()).at("/error/type").asText()).isEqualTo("server_error");

        HttpResponse<String> recovered = post(request(false, "hi"));
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(recovered.body()).at("/choices/0/message/content").asText())
                .isEqualTo("Stub reply to: hi");
        assertThat(stub.requests()).hasSize(3);

        stub.respondWithDefault();
        assertThat(post(request(false, "again")).statusCode()).isEqualTo(200);
    }

    @Test
    void listsItsModelsAndAnswers404ElsewhereInOpenAiErrorFormat() throws Exception {
        HttpResponse<String> models = get("/models");
        assertThat(models.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(models.body());
        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("data").findValuesAsText("id")).containsExactly("gpt-4o-mini", "gpt-4o");

        stub.models("gpt-test");
        assertThat(JSON.readTree(get("/models").body()).path("data").findValuesAsText("id"))
                .containsExactly("gpt-test");

        HttpResponse<String> missing = get("/embeddings");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(JSON.readTree(missing.body()).at("/error/message").asText()).isNotBlank();
    }

    @Test
    void servesConcurrentRequestsInParallel() {
        stub.respondWith(request -> StubReply.text("slow " + OpenAiStub.lastUserText(request))
                .withDelay(Duration.ofMillis(400)));

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 6)
                .mapToObj(i -> HTTP.sendAsync(httpPost(request(i % 2 == 0, "n" + i)),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(6 * 400));
        assertThat(stub.requests()).hasSize(6);
    }

    private static ObjectNode request(boolean stream, String userText) {
        ObjectNode request = JSON.createObjectNode().put("model", "gpt-4o-mini");
        request.putArray("messages")
                .add(JSON.createObjectNode().put("role", "system").put("content", "You are terse."))
                .add(JSON.createObjectNode().put("role", "user").put("content", userText));
        if (stream) {
            request.put("stream", true);
        }
        return request;
    }

    private static ObjectNode withTools(ObjectNode request) {
        var tools = request.putArray("tools");
        for (String name : List.of("getTitle", "getRecommendations")) {
            ObjectNode function = tools.addObject().put("type", "function").putObject("function")
                    .put("name", name).put("description", name);
            function.putObject("parameters").put("type", "object").putObject("properties");
        }
        return request;
    }

    private static HttpRequest httpPost(JsonNode body) {
        return httpPost(body, OpenAiStub.DEFAULT_API_KEY);
    }

    private static HttpRequest httpPost(JsonNode body, String key) {
        return HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private static HttpResponse<String> post(JsonNode body) throws Exception {
        return HTTP.send(httpPost(body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
                .header("Authorization", "Bearer " + OpenAiStub.DEFAULT_API_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The data of each server-sent event, checking the {@code data: ...\n\n} framing. */
    private static List<String> events(String body) {
        assertThat(body).endsWith("\n\n");
        List<String> data = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            assertThat(event).startsWith("data: ").doesNotContain("\n");
            data.add(event.substring("data: ".length()));
        }
        return data;
    }
}
