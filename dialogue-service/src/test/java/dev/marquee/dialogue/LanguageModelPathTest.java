package dev.marquee.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.infra.OpenAiStub;
import dev.marquee.infra.PostgresServer;
import dev.marquee.infra.TestIssuer;
import dev.marquee.infra.quarkus.KafkaResource;
import dev.marquee.infra.quarkus.OidcResource;
import dev.marquee.infra.quarkus.OpenAiStubResource;
import dev.marquee.infra.quarkus.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * The language-model path with the real OpenAI client of quarkus-langchain4j, against an in-JVM server that
 * speaks the OpenAI wire format: a tool call round trip, a streamed reply, memory across turns from PostgreSQL,
 * the output guardrail on an invented title, and the offline fallback when the model fails.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
@WithTestResource(CatalogStub.class)
@WithTestResource(OpenAiStubResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "dialogue"))
class LanguageModelPathTest {
    private static final OpenAiStub MODEL = OpenAiStub.shared();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void modelPersonaForBrandCinemaLlm() {
        MODEL.reset();
        String admin = TestIssuer.shared().token("operator", "admin");
        Map<String, Object> persona = new HashMap<>(given().auth().oauth2(admin)
                .get("/v1/admin/personas/marquee-llm").then().statusCode(200).extract().as(Map.class));
        if (!"cinema-llm".equals(persona.get("brand"))) {
            persona.put("brand", "cinema-llm");
            persona.put("brandDefault", true);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(persona)
                    .put("/v1/admin/personas/marquee-llm").then().statusCode(200);
        }
    }

    private static String token(String user) {
        return TestIssuer.shared().tokenFor(user).claims(Map.of("brand", "cinema-llm", "maturity_rating", 12)).sign();
    }

    private static ValidatableResponse say(String token, String conversationId, String message) {
        Map<String, Object> body = conversationId == null ? Map.of("message", message)
                : Map.of("message", message, "conversationId", conversationId);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/turns").then();
    }

    @Test
    void theModelCallsTheRecommendationToolAndAnswersFromItsResult() {
        MODEL.recommendArguments(request -> "{\"genre\":\"comedy\",\"kind\":\"movie\"}");
        String userToken = token("llm-viewer");
        say(userToken, null, "Can you recommend a movie?").statusCode(200)
                .body("metadata.responder", equalTo("openai/gpt-4o-mini"))
                .body("metadata.persona", equalTo("marquee-llm@2"))
                .body("metadata.tokensIn", org.hamcrest.Matchers.greaterThan(0))
                .body("reply.text", containsString("Saltwater Kings"))
                .body("reply.cards.titleId", hasItem("mv-0003"))
                .body("metadata.guardrails", hasSize(0));

        List<JsonNode> requests = MODEL.requests();
        assertThat(requests).hasSize(2);
        JsonNode first = requests.getFirst();
        assertThat(first.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(first.at("/messages/0/content").asText()).contains("You are Marquee").contains("rated up to 12+");
        assertThat(first.get("tools").findValuesAsText("name")).contains("recommendTitles", "searchCatalog",
                "titleDetails", "recentActivity");
        JsonNode toolResult = requests.get(1).get("messages").get(requests.get(1).get("messages").size() - 1);
        assertThat(toolResult.get("role").asText()).isEqualTo("tool");
        assertThat(toolResult.get("content").asText()).contains("Saltwater Kings");
        // the tool called recommendation-service as the user, within the user's limits
        assertThat(CatalogStub.REQUESTS).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/v1/recommendations");
            assertThat(r.query()).contains("genre=comedy", "kind=movie", "maxAgeRating=12", "source=chat");
            assertThat(r.authorization()).isEqualTo("Bearer " + userToken);
        });
    }

    @Test
    void anInvalidToolArgumentIsExplainedToTheModel() {
        MODEL.recommendArguments(request -> "{\"genre\":\"polka\"}");
        say(token("llm-typo"), null, "recommend some polka").statusCode(200);
        JsonNode followUp = MODEL.requests().get(1);
        JsonNode last = followUp.get("messages").get(followUp.get("messages").size() - 1);
        assertThat(last.get("content").asText()).contains("Invalid genre 'polka'");
    }

    @Test
    void repliesStreamTokenByTokenAndTheConversationIsRememberedInPostgres() throws Exception {
        String userToken = token("llm-streamer");
        String body = given().auth().oauth2(userToken).contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("message", "Hello there, I like quiet mysteries")).post("/v1/turns/stream")
                .then().statusCode(200).extract().asString();
        var events = Sse.parse(body);
        StringBuilder streamed = new StringBuilder();
        events.stream().filter(e -> e.getKey().equals("token"))
                .forEach(e -> streamed.append(read(e.getValue()).get("text").asText()));
        JsonNode reply = read(events.getLast().getValue());
        assertThat(events.stream().filter(e -> e.getKey().equals("token")).count()).isGreaterThan(3);
        // the stub echoes the user message, which the retrieval augmentor extended with catalog titles
        assertThat(streamed.toString()).startsWith("Stub reply to: Hello there, I like quiet mysteries")
                .contains("Catalog title \"");
        assertThat(reply.at("/reply/text").asText()).isEqualTo(streamed.toString());
        assertThat(MODEL.lastRequest().get("stream").asBoolean()).isTrue();
        String conversationId = reply.get("conversationId").asText();

        say(userToken, conversationId, "What did I just tell you I like?").statusCode(200);
        JsonNode messages = MODEL.lastRequest().get("messages");
        assertThat(messages.toString()).contains("I like quiet mysteries").contains("Stub reply to: Hello there");
        assertThat(PostgresServer.obtain().queryLong(PostgresResource.databaseName("dialogue"),
                "SELECT count(*) FROM chat_memory WHERE conversation_id = '" + conversationId + "'")).isOne();
    }

    @Test
    void aTitleTheCatalogDoesNotHaveNeverReachesTheUser() {
        MODEL.respondWith(request -> OpenAiStub.StubReply.text("You should watch \"The Matrix Reloaded\" tonight."));
        say(token("llm-grounded"), null, "what should I watch?").statusCode(200)
                .body("metadata.guardrails", hasItem("ungrounded_title"))
                .body("reply.text", org.hamcrest.Matchers.not(containsString("Matrix")));
    }

    @Test
    void whenTheModelFailsTheOfflineResponderAnswers() {
        MODEL.respondWith(request -> OpenAiStub.StubReply.error(500, "the model is on fire"));
        say(token("llm-unlucky"), null, "show me some comedies").statusCode(200)
                .body("metadata.responder", equalTo("offline-catalog-responder"))
                .body("reply.cards", org.hamcrest.Matchers.not(hasSize(0)));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
