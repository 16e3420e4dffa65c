package dev.marquee.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.events.InteractionType;
import dev.marquee.events.TurnCompleted;
import dev.marquee.events.TurnFeedback;
import dev.marquee.infra.HeadlessBrowser;
import dev.marquee.infra.KafkaTestClient;
import dev.marquee.infra.TestIssuer;
import dev.marquee.infra.quarkus.KafkaResource;
import dev.marquee.infra.quarkus.OidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The operator dashboard in a real headless Chromium, served by the running service over a known history on the
 * real broker: the funnel, the variants' rates and uplift, and engagement and satisfaction per window, as drawn.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class DashboardBrowserTest {
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedBroker();
    private static final Instant TEN = Instant.parse("2026-05-04T10:00:00Z");
    private static final Instant ELEVEN = TEN.plus(Duration.ofHours(1));
    private static HeadlessBrowser browser;

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessBrowser.launch(1280, 1600);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        KAFKA.close();
    }

    @Test
    void theOperatorSeesTheFunnelEngagementAndSatisfactionOfAKnownHistory() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String brand = "dash-" + run;
        EventHistory history = new EventHistory(KAFKA, brand);
        List<String> users = List.of("u1-" + run, "u2-" + run, "u3-" + run, "u4-" + run);
        history.consent(users, true);
        history.awaitConsentApplied(run, users);

        // 10:00 three users, one handoff, one thumbs up; 11:00 two users, one fallback.
        TurnCompleted liked = history.turn(users.get(0), "c1", TEN.plusSeconds(60), false, false, 90, null, null);
        history.send(liked);
        history.send(history.turn(users.get(1), "c2", TEN.plusSeconds(120), true, false, 90, null, null));
        history.send(history.turn(users.get(2), "c3", TEN.plusSeconds(180), false, false, 90, null, null));
        history.send(history.turn(users.get(0), "c1", ELEVEN.plusSeconds(60), false, false, 90, null, null));
        history.send(history.turn(users.get(1), "c2", ELEVEN.plusSeconds(120), false, true, 90, null, null));
        // Two lists per variant at 10:00: control gets one click, "b" two clicks and a play.
        for (int i = 0; i < users.size(); i++) {
            history.send(history.served(users.get(i), "r" + i + "-" + run, i < 2 ? "control" : "b",
                    TEN.plusSeconds(200 + i)));
        }
        awaitConversion(brand, 4, 0);
        history.send(history.feedback(liked, TurnFeedback.Rating.UP, TEN.plusSeconds(300)));
        history.send(history.interaction(users.get(0), "r0-" + run, InteractionType.CLICK, TEN.plusSeconds(400)));
        history.send(history.interaction(users.get(2), "r2-" + run, InteractionType.CLICK, TEN.plusSeconds(400)));
        history.send(history.interaction(users.get(3), "r3-" + run, InteractionType.CLICK, TEN.plusSeconds(400)));
        history.send(history.interaction(users.get(2), "r2-" + run, InteractionType.PLAY, TEN.plusSeconds(500)));
        awaitConversion(brand, 4, 3);

        browser.open(dashboard + "?granularity=hour&from=2026-05-04&to=2026-05-04&brand=" + brand);
        browser.evaluate("document.getElementById('token').value = '"
                + TestIssuer.shared().token("ops", "admin") + "'; "
                + "document.getElementById('query').requestSubmit(); true");
        browser.awaitTrue("document.getElementById('status').textContent.startsWith('Loaded')",
                Duration.ofSeconds(30));

        assertThat(text("status")).contains("admin view");
        assertThat(browser.evaluate("document.getElementById('brand').value").asText()).isEqualTo(brand);
        // The funnel bars carry the totals of the range.
        assertThat(bar("served")).isEqualTo(4);
        assertThat(bar("impressions")).isEqualTo(0);
        assertThat(bar("clicks")).isEqualTo(3);
        assertThat(bar("plays")).isEqualTo(1);
        assertThat(text("funnel-chart")).contains("75.0 % of served");
        // Variant "b" clicks twice as often as control: +100 % uplift; control plays never, so no play uplift.
        assertThat(cells("control")).containsExactly("control", "hybrid", "2", "1", "0", "0", "0", "50.0 %",
                "0.0 %", "baseline", "baseline");
        assertThat(cells("b")).containsExactly("b", "hybrid", "2", "2", "1", "0", "0", "100.0 %", "50.0 %",
                "+100.0 %", "–");

        // Engagement and satisfaction: one point per hour, values as the windows hold them.
        assertThat(browser.evaluate("document.getElementById('engagement-chart').dataset.windows").asText())
                .isEqualTo("2");
        assertThat(series("engagement", "Active users")).isEqualTo("[3,2]");
        assertThat(series("engagement", "Turns")).isEqualTo("[3,2]");
        assertThat(series("satisfaction", "Handoff rate")).isEqualTo("[0.3333333333333333,0]");
        assertThat(series("satisfaction", "Fallback rate")).isEqualTo("[0,0.5]");
        assertThat(series("satisfaction", "Thumbs-up ratio")).isEqualTo("[1,null]");
        assertThat(browser.evaluate("document.querySelectorAll('#engagement-chart circle').length").asInt())
                .isEqualTo(8);
        assertThat(text("model-usage")).contains(EventHistory.OFFLINE);

        // Another brand in the list shows its own numbers, without fetching again.
        browser.evaluate("const b = document.getElementById('brand'); b.value = ''; "
                + "b.dispatchEvent(new Event('change')); true");
        assertThat(bar("served")).isGreaterThanOrEqualTo(4);
        assertThat(browser.evaluate("location.search").asText()).doesNotContain("token").doesNotContain("brand=");

        Path shot = Path.of("target", "dashboard.png");
        Files.write(shot, browser.screenshot());
        assertThat(browser.errors()).isEmpty();
    }

    @Test
    void aTokenWithoutAnAnalyticsRoleGetsAClearMessage() {
        browser.open(dashboard.toString());
        browser.evaluate("document.getElementById('token').value = '"
                + TestIssuer.shared().token("viewer", "user") + "'; "
                + "document.getElementById('query').requestSubmit(); true");
        browser.awaitTrue("document.getElementById('status').classList.contains('error')", Duration.ofSeconds(30));
        assertThat(text("status")).contains("admin or analyst").contains("403");
        assertThat(browser.evaluate("document.getElementById('panels').hidden").asBoolean()).isTrue();
    }

    private static void awaitConversion(String brand, int served, int clicks) {
        await().atMost(EventHistory.WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().auth().oauth2(TestIssuer.shared().token("ops", "admin"))
                        .queryParam("granularity", "hour").queryParam("from", TEN.toString())
                        .queryParam("to", TEN.toString())
                        .get("/v1/aggregates/conversion")
                        .then().statusCode(200)
                        .body("aggregates.findAll { it.brand == '" + brand + "' }.served.sum()", equalTo(served))
                        .body("aggregates.findAll { it.brand == '" + brand + "' }.clicks.sum()", equalTo(clicks)));
    }

    private static String text(String id) {
        return browser.evaluate("document.getElementById('" + id + "').textContent").asText();
    }

    private static long bar(String stage) {
        return browser.evaluate("Number(document.querySelector('#funnel-chart rect[data-stage=\"" + stage
                + "\"]').dataset.value)").asLong();
    }

    private static List<String> cells(String variant) {
        JsonNode cells = browser.evaluate("[...document.querySelector('#variants tr[data-variant=\"" + variant
                + "\"]').cells].map(c => c.textContent)");
        return java.util.stream.StreamSupport.stream(cells.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String series(String chart, String name) {
        return browser.evaluate("document.querySelector('#" + chart + "-chart g[data-series=\"" + name
                + "\"]').dataset.values").asText();
    }
}
