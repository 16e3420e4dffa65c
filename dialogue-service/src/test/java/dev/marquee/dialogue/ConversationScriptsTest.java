package dev.marquee.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.infra.ConsentFixture;
import dev.marquee.infra.KafkaTestClient;
import dev.marquee.infra.TestIssuer;
import dev.marquee.infra.quarkus.KafkaResource;
import dev.marquee.infra.quarkus.OidcResource;
import dev.marquee.infra.quarkus.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversation scripts, like Rasa's end-to-end tests: every {@code src/test/resources/conversations/*.yaml}
 * is played against the running service over HTTP, turn by turn, checking intent, text, cards, guardrails and
 * handoff. The format is described in docs/conversation-tests.md.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
@WithTestResource(CatalogStub.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "dialogue"))
class ConversationScriptsTest {
    private static final Path SCRIPTS = Path.of("src/test/resources/conversations");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedBroker();
    private static final Set<String> STEP_KEYS = Set.of("intent", "text_contains", "text_excludes", "cards_include",
            "cards_exclude", "cards_max_age", "cards_kinds", "min_cards", "no_cards", "guardrail", "no_guardrails",
            "handoff", "state", "fallback", "persona", "responder");

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @TestFactory
    Stream<DynamicTest> everyScriptPasses() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SCRIPTS)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("conversation scripts").hasSizeGreaterThanOrEqualTo(30);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> play(f)));
    }

    private static void play(Path file) throws IOException {
        JsonNode script = YAML.readTree(file.toFile());
        String name = file.getFileName().toString().replace(".yaml", "");
        String user = script.path("user").asText("script-" + name) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> claims = new HashMap<>();
        script.path("claims").fields().forEachRemaining(e -> claims.put(e.getKey(),
                e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
        String token = TestIssuer.shared().tokenFor(user).claims(claims).sign();
        if (script.has("consent")) {
            consent(user, script.get("consent"));
        }
        String conversationId = null;
        int step = 0;
        for (JsonNode s : script.get("steps")) {
            step++;
            Map<String, Object> body = new HashMap<>(Map.of("message", s.get("say").asText()));
            if (conversationId != null) {
                body.put("conversationId", conversationId);
            }
            JsonNode reply = YAML.readTree(given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/v1/turns").then().statusCode(200).extract().asString());
            conversationId = reply.get("conversationId").asText();
            check(script.path("name").asText(name) + " step " + step + " (\"" + s.get("say").asText() + "\")",
                    s.path("expect"), reply);
        }
    }

    private static void check(String where, JsonNode expect, JsonNode reply) {
        expect.fieldNames().forEachRemaining(k -> assertThat(STEP_KEYS).as(where + ": unknown key").contains(k));
        String text = reply.at("/reply/text").asText();
        List<JsonNode> cards = new ArrayList<>();
        reply.at("/reply/cards").forEach(cards::add);
        List<String> guardrails = new ArrayList<>();
        reply.at("/metadata/guardrails").forEach(g -> guardrails.add(g.asText()));
        String context = where + " got " + reply;
        if (expect.has("intent")) {
            assertThat(reply.get("intent").asText()).as(context).isEqualTo(expect.get("intent").asText());
        }
        for (JsonNode t : list(expect, "text_contains")) {
            assertThat(text.toLowerCase(Locale.ROOT)).as(context).contains(t.asText().toLowerCase(Locale.ROOT));
        }
        for (JsonNode t : list(expect, "text_excludes")) {
            assertThat(text.toLowerCase(Locale.ROOT)).as(context).doesNotContain(t.asText().toLowerCase(Locale.ROOT));
        }
        for (JsonNode c : list(expect, "cards_include")) {
            assertThat(cards).as(context).anySatisfy(card -> assertThat(List.of(card.get("name").asText(),
                    card.get("titleId").asText())).contains(c.asText()));
        }
        for (JsonNode c : list(expect, "cards_exclude")) {
            assertThat(cards).as(context).noneSatisfy(card -> assertThat(List.of(card.get("name").asText(),
                    card.get("titleId").asText())).contains(c.asText()));
        }
        if (expect.has("cards_max_age")) {
            assertThat(cards).as(context).allSatisfy(card ->
                    assertThat(card.get("ageRating").asInt()).isLessThanOrEqualTo(expect.get("cards_max_age").asInt()));
        }
        if (expect.has("cards_kinds")) {
            List<String> kinds = new ArrayList<>();
            expect.get("cards_kinds").forEach(k -> kinds.add(k.asText()));
            assertThat(cards).as(context).allSatisfy(card -> assertThat(kinds).contains(card.get("kind").asText()));
        }
        if (expect.has("min_cards")) {
            assertThat(cards).as(context).hasSizeGreaterThanOrEqualTo(expect.get("min_cards").asInt());
        }
        if (expect.path("no_cards").asBoolean(false)) {
            assertThat(cards).as(context).isEmpty();
        }
        if (expect.has("guardrail")) {
            assertThat(guardrails).as(context).contains(expect.get("guardrail").asText());
        }
        if (expect.path("no_guardrails").asBoolean(false)) {
            assertThat(guardrails).as(context).isEmpty();
        }
        if (expect.has("handoff")) {
            assertThat(reply.at("/metadata/handoff").asBoolean()).as(context).isEqualTo(expect.get("handoff").asBoolean());
        }
        if (expect.has("state")) {
            assertThat(reply.get("conversationState").asText()).as(context).isEqualTo(expect.get("state").asText());
        }
        if (expect.has("fallback")) {
            assertThat(reply.at("/metadata/fallback").asBoolean()).as(context)
                    .isEqualTo(expect.get("fallback").asBoolean());
        }
        if (expect.has("persona")) {
            assertThat(reply.at("/metadata/persona").asText()).as(context).isEqualTo(expect.get("persona").asText());
        }
        if (expect.has("responder")) {
            assertThat(reply.at("/metadata/responder").asText()).as(context)
                    .isEqualTo(expect.get("responder").asText());
        }
    }

    private static List<JsonNode> list(JsonNode expect, String key) {
        JsonNode value = expect.get(key);
        List<JsonNode> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (value.isArray()) {
            value.forEach(items::add);
        } else {
            items.add(value);
        }
        return items;
    }

    private static void consent(String user, JsonNode consent) {
        Map<ConsentPurpose, Boolean> granted = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose p : ConsentPurpose.values()) {
            granted.put(p, consent.path(p.name().toLowerCase(Locale.ROOT)).asBoolean(false));
        }
        ConsentFixture.publish(KAFKA, PostgresResource.databaseName("dialogue"), user, granted, 1);
    }
}
