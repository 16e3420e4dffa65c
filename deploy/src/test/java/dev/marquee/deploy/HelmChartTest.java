package dev.marquee.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.marquee.events.Topic;
import dev.marquee.infra.ProjectRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart as an operator gets it: linted strictly and rendered by Helm's own code (helm-java, no helm binary)
 * with the default values and production-like values ({@code ci/production-values.yaml}); assertions on the
 * rendered manifests; the schema's refusals; the Kafka topics against the topic catalogue of event-contracts; and
 * every value documented.
 */
class HelmChartTest {
    private static final Path CHART = ProjectRoot.find().resolve("deploy/helm/marquee");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODULES = List.of("gateway-service", "dialogue-service",
            "recommendation-service", "analytics-service", "privacy-service");
    private static final List<String> STANDARD_LABELS = List.of("app.kubernetes.io/name",
            "app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/managed-by",
            "app.kubernetes.io/part-of", "helm.sh/chart");

    private static List<JsonNode> defaults;
    private static List<JsonNode> production;

    @BeforeAll
    static void render() {
        defaults = render(template());
        production = render(template().withValuesFile(CHART.resolve("ci/production-values.yaml")));
    }

    private static TemplateCommand template() {
        return new Helm(CHART).template().withName("marquee").withNamespace("marquee").withKubeVersion("1.30.0");
    }

    private static List<JsonNode> render(TemplateCommand command) {
        String manifests = command.call();
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(manifests)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    documents.add(node);
                }
            });
        } catch (IOException e) {
            throw new AssertionError("the chart rendered unreadable YAML:\n" + manifests, e);
        }
        return documents;
    }

    private static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static JsonNode named(List<JsonNode> documents, String kind, String name) {
        return ofKind(documents, kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @Test
    void theChartLintsWithoutWarnings() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @ParameterizedTest(name = "{0} values")
    @ValueSource(strings = {"default", "production"})
    void everyWorkloadHasProbesResourcesANonRootReadOnlyPodAndTheStandardLabels(String values) {
        List<JsonNode> documents = values.equals("default") ? defaults : production;
        {
            List<JsonNode> deployments = ofKind(documents, "Deployment");
            assertThat(deployments).extracting(d -> d.at("/metadata/labels/app.kubernetes.io~1component").asText())
                    .containsExactlyInAnyOrderElementsOf(MODULES);
            for (JsonNode deployment : deployments) {
                String which = deployment.at("/metadata/name").asText();
                JsonNode pod = deployment.at("/spec/template/spec");
                assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(which).isTrue();
                assertThat(pod.at("/securityContext/runAsUser").asInt()).as(which).isPositive();
                assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).as(which).isFalse();
                JsonNode labels = deployment.at("/spec/template/metadata/labels");
                deployment.at("/spec/selector/matchLabels").fields().forEachRemaining(selector ->
                        assertThat(labels.path(selector.getKey()).asText()).as(which + " selects its own pods")
                                .isEqualTo(selector.getValue().asText()));
                for (JsonNode container : pod.path("containers")) {
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(which + " " + probe)
                                .startsWith("/q/health/");
                    }
                    assertThat(container.at("/resources/requests/cpu").isMissingNode()).as(which).isFalse();
                    assertThat(container.at("/resources/requests/memory").isMissingNode()).as(which).isFalse();
                    assertThat(container.at("/resources/limits/memory").isMissingNode()).as(which).isFalse();
                    JsonNode security = container.path("securityContext");
                    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(which).isTrue();
                    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(which).isFalse();
                    assertThat(security.at("/capabilities/drop").toString()).as(which).contains("ALL");
                    assertThat(container.path("volumeMounts").findValuesAsText("mountPath"))
                            .as(which + " can write /tmp and reads its configuration")
                            .contains("/tmp", "/deployments/config");
                }
            }
            for (JsonNode document : documents) {
                JsonNode metadata = document.path("metadata");
                for (String label : STANDARD_LABELS) {
                    assertThat(metadata.path("labels").path(label).asText())
                            .as(document.path("kind").asText() + " " + metadata.path("name").asText() + " " + label)
                            .isNotBlank();
                }
            }
            for (JsonNode service : ofKind(documents, "Service")) {
                String component = service.at("/spec/selector/app.kubernetes.io~1component").asText();
                assertThat(MODULES).as("a Service selects one service's pods").contains(component);
            }
        }
    }

    @Test
    void theDefaultsConfigureEveryServiceForTheSharedInfrastructureAndItsOwnDatabase() {
        for (String module : MODULES) {
            String shortName = module.replace("-service", "");
            String properties = named(defaults, "ConfigMap", "marquee-" + shortName).at("/data/application.properties")
                    .asText();
            assertThat(properties).contains("kafka.bootstrap.servers=marquee-kafka-bootstrap:9092",
                    "quarkus.oidc.auth-server-url=https://login.example.com/realms/marquee",
                    "marquee.brand.served=nova", "quarkus.http.port=8080");
            boolean ownsDatabase = List.of("dialogue", "recommendation", "privacy").contains(shortName);
            assertThat(properties.contains("quarkus.datasource.jdbc.url=jdbc:postgresql://marquee-postgresql-rw:5432/"
                    + "marquee_" + shortName)).as(module).isEqualTo(ownsDatabase);
        }
        assertThat(named(defaults, "ConfigMap", "marquee-gateway").at("/data/application.properties").asText())
                .contains("quarkus.rest-client.dialogue.url=http://marquee-dialogue:8080",
                        "quarkus.rest-client.privacy.url=http://marquee-privacy:8080");
        JsonNode recommendation = named(defaults, "Deployment", "marquee-recommendation");
        assertThat(recommendation.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(recommendation.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        // Without an existing secret the chart makes one from the values.
        JsonNode secret = named(defaults, "Secret", "marquee-secrets");
        assertThat(secret.at("/stringData").has("postgresql-password")).isTrue();
        assertThat(ofKind(defaults, "KafkaTopic")).isEmpty();
        assertThat(ofKind(defaults, "ServiceMonitor")).isEmpty();
        assertThat(ofKind(defaults, "Ingress")).isEmpty();
    }

    @Test
    void onlyTheGatewayIsReachableFromOutside() {
        JsonNode ingress = ofKind(production, "Ingress").getFirst();
        assertThat(ingress.findValuesAsText("name")).contains("marquee-gateway");
        assertThat(ingress.at("/spec/rules/0/http/paths").findValuesAsText("path")).containsExactly("/api", "/chat");
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("assistant-example-com-tls");

        for (JsonNode policy : ofKind(production, "NetworkPolicy")) {
            String component = policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText();
            List<String> callers = new ArrayList<>();
            for (JsonNode rule : policy.at("/spec/ingress")) {
                assertThat(rule.has("from")).as(component + ": no rule admits everyone").isTrue();
                rule.path("from").forEach(peer -> {
                    String caller = peer.at("/podSelector/matchLabels/app.kubernetes.io~1component").asText();
                    if (!caller.isEmpty()) {
                        callers.add(caller);
                    }
                });
            }
            switch (component) {
                case "gateway-service" -> assertThat(policy.toString()).contains("ingress-nginx");
                case "recommendation-service" -> assertThat(callers)
                        .containsExactlyInAnyOrder("gateway-service", "dialogue-service");
                default -> assertThat(callers).as(component).containsExactly("gateway-service");
            }
        }
        assertThat(ofKind(production, "NetworkPolicy")).hasSize(MODULES.size());
    }

    @Test
    void productionValuesBringMetricsAlertsDashboardsAutoscalingAndTheirOwnSecret() {
        assertThat(ofKind(production, "ServiceMonitor")).hasSize(MODULES.size()).allSatisfy(monitor -> {
            assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
            assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        });
        String rules = ofKind(production, "PrometheusRule").getFirst().toString();
        assertThat(rules).contains("MarqueeHighErrorRate", "MarqueeSlowRequests", "MarqueeConsumerLag",
                "MarqueeErasureOverdue", "http_server_requests_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag_max", "marquee_privacy_requests_overdue");
        List<JsonNode> dashboards = ofKind(production, "ConfigMap").stream()
                .filter(c -> "1".equals(c.at("/metadata/labels/grafana_dashboard").asText())).toList();
        assertThat(dashboards).hasSize(3);
        for (JsonNode dashboard : dashboards) {
            dashboard.path("data").fields().forEachRemaining(file -> {
                try {
                    assertThat(JSON.readTree(file.getValue().asText()).path("panels").size()).isPositive();
                } catch (IOException e) {
                    throw new AssertionError(file.getKey() + " is no JSON", e);
                }
            });
        }
        assertThat(ofKind(production, "HorizontalPodAutoscaler"))
                .extracting(h -> h.at("/spec/scaleTargetRef/name").asText())
                .containsExactlyInAnyOrder("marquee-gateway", "marquee-dialogue");
        assertThat(named(production, "Deployment", "marquee-gateway").has("spec")).isTrue();
        assertThat(named(production, "Deployment", "marquee-gateway").at("/spec/replicas").isMissingNode())
                .as("an autoscaled Deployment leaves its replicas to the autoscaler").isTrue();
        assertThat(ofKind(production, "PodDisruptionBudget")).isNotEmpty();
        assertThat(ofKind(production, "Secret")).as("existingSecret is used as it is").isEmpty();
        assertThat(named(production, "Deployment", "marquee-privacy").toString()).contains("marquee-credentials");
        assertThat(named(production, "Deployment", "marquee-gateway").at("/spec/template/spec/containers/0/image")
                .asText()).isEqualTo("registry.example.com/marquee/gateway-service:0.1.0");
        assertThat(named(production, "ConfigMap", "marquee-dialogue").at("/data/application.properties").asText())
                .contains("quarkus.oidc.kids.auth-server-url=https://login.kids.example.com/realms/kids",
                        "quarkus.oidc.kids.token.audience=marquee-api");
        // Kafka over SASL_SSL with the cluster's CA: every client, Kafka Streams too, with the password from the secret.
        assertThat(named(production, "ConfigMap", "marquee-analytics").at("/data/application.properties").asText())
                .contains("kafka.security.protocol=SASL_SSL", "kafka.sasl.mechanism=SCRAM-SHA-512",
                        "kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                                + "username=\"marquee\" password=\"${MARQUEE_KAFKA_PASSWORD}\";",
                        "kafka.ssl.truststore.location=/etc/marquee/kafka-ca/ca.crt",
                        "kafka-streams.security.protocol=SASL_SSL", "kafka-streams.ssl.truststore.type=PEM");
        JsonNode gateway = named(production, "Deployment", "marquee-gateway");
        assertThat(gateway.toString()).contains("MARQUEE_KAFKA_PASSWORD", "kafka-password", "marquee-cluster-ca-cert");
        assertThat(named(defaults, "ConfigMap", "marquee-gateway").at("/data/application.properties").asText())
                .doesNotContain("security.protocol");
    }

    @Test
    void theKafkaTopicsAreTheTopicCatalogueOfTheEventContracts() {
        List<JsonNode> topics = ofKind(production, "KafkaTopic");
        assertThat(topics).extracting(t -> t.at("/spec/topicName").asText())
                .containsExactlyInAnyOrderElementsOf(Topic.allNames());
        for (Topic topic : Topic.values()) {
            JsonNode resource = topics.stream().filter(t -> topic.topicName().equals(t.at("/spec/topicName").asText()))
                    .findFirst().orElseThrow();
            assertThat(resource.at("/spec/partitions").asInt()).as(topic.topicName()).isEqualTo(topic.partitions());
            assertThat(resource.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("marquee");
            topic.configs().forEach((key, value) -> assertThat(resource.path("spec").path("config").path(key).asText())
                    .as(topic.topicName() + " " + key).isEqualTo(value));
        }
    }

    @Test
    void aServiceCanBeLeftOut() {
        List<JsonNode> withoutAnalytics = render(template().set("analytics.enabled", "false"));
        assertThat(withoutAnalytics).noneMatch(d -> d.toString().contains("analytics-service"));
        assertThat(ofKind(withoutAnalytics, "Deployment")).hasSize(MODULES.size() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "recommendation.replicaCount=2|'/recommendation/replicaCount': maximum: got 2, want 1",
            "image.pullPolicy=Sometimes|'/image/pullPolicy': value must be one of",
            "gateway.replicas=3|'replicas' not allowed",
            "podSecurityContext.runAsNonRoot=false|'/podSecurityContext/runAsNonRoot'",
            "kafka.bootstrapServers=not a broker list|'/kafka/bootstrapServers'",
            "brands.default=Big Brand|'/brands/default'",
            "dialogue.resources.requests.memory=lots|'/dialogue/resources/requests/memory'"})
    void theSchemaRefusesBadValuesAndSaysWhich(String case_) {
        String[] parts = case_.split("\\|");
        String[] assignment = parts[0].split("=", 2);
        Object value = assignment[1].matches("[0-9]+") ? Integer.valueOf(assignment[1])
                : assignment[1].equals("false") ? Boolean.FALSE : assignment[1];
        assertThatThrownBy(() -> template().set(assignment[0], value).call())
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(parts[1]);
    }

    @Test
    void everyValueIsDocumentedWithAParamLine() throws IOException {
        String text = Files.readString(CHART.resolve("values.yaml"));
        Set<String> documented = new LinkedHashSet<>();
        Matcher params = Pattern.compile("^\\s*## @param (\\S+)", Pattern.MULTILINE).matcher(text);
        while (params.find()) {
            documented.add(params.group(1));
        }
        List<String> leaves = new ArrayList<>();
        collectLeaves("", YAML.readTree(text), leaves);
        assertThat(leaves).isNotEmpty().allSatisfy(leaf -> assertThat(documented.stream()
                .anyMatch(d -> leaf.equals(d) || leaf.startsWith(d + "."))).as(leaf + " has a ## @param line")
                .isTrue());
        // ...and no @param names a value that does not exist.
        Map<String, Boolean> known = new HashMap<>();
        leaves.forEach(l -> {
            String path = l;
            while (true) {
                known.put(path, true);
                int dot = path.lastIndexOf('.');
                if (dot < 0) {
                    break;
                }
                path = path.substring(0, dot);
            }
        });
        assertThat(documented).allSatisfy(d -> assertThat(known).as("@param " + d + " names a value").containsKey(d));
    }

    private static void collectLeaves(String prefix, JsonNode node, List<String> leaves) {
        if (node instanceof ObjectNode object && !object.isEmpty()) {
            object.fields().forEachRemaining(field -> collectLeaves(
                    prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), leaves));
        } else {
            leaves.add(prefix);
        }
    }
}
