package dev.marquee.infra;

import dev.marquee.events.Topic;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalInfraTest {

    @Test
    void theBrokerCarriesRecordsOnEveryCatalogueTopic() {
        KafkaBroker broker = KafkaBroker.shared();
        try (KafkaTestClient client = new KafkaTestClient(broker.bootstrapServers())) {
            for (Topic topic : Topic.values()) {
                client.send(topic.topicName(), "k", "{\"probe\":\"" + topic + "\"}", Map.of("ce_id", topic.name()));
            }
            for (Topic topic : Topic.values()) {
                var records = client.await(topic.topicName(), r -> r.value().contains(topic.name()), 1,
                        Duration.ofSeconds(30));
                assertThat(KafkaTestClient.header(records.getFirst(), "ce_id")).isEqualTo(topic.name());
            }
        }
    }

    @Test
    void postgresGivesEachUserItsOwnDatabase() throws Exception {
        PostgresServer server = PostgresServer.obtain();
        server.recreateDatabase("local_infra_test");
        try (Connection c = server.connect("local_infra_test")) {
            c.createStatement().execute("CREATE TABLE t (id int primary key)");
            c.createStatement().execute("INSERT INTO t VALUES (1), (2)");
            ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
        server.dropDatabase("local_infra_test");
        assertThatThrownBy(() -> server.recreateDatabase("bad; drop")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void issuerTokensVerifyAgainstItsPublishedKeysAndForgedOnesDoNot() throws Exception {
        TestIssuer issuer = TestIssuer.shared();
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(issuer.issuer() + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"issuer\":\"" + issuer.issuer() + "\"");

        JwtConsumer consumer = new JwtConsumerBuilder()
                .setExpectedIssuer(issuer.issuer())
                .setExpectedAudience(TestIssuer.DEFAULT_AUDIENCE)
                .setRequireExpirationTime()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(issuer.issuer() + "/protocol/openid-connect/certs")))
                .build();

        assertThat(consumer.processToClaims(issuer.token("alice", "user")).getSubject()).isEqualTo("alice");
        assertThatThrownBy(() -> consumer.processToClaims(issuer.tokenFor("alice").foreignKey().sign()))
                .isInstanceOf(InvalidJwtException.class);
        assertThatThrownBy(() -> consumer.processToClaims(issuer.tokenFor("alice").unsigned().sign()))
                .isInstanceOf(InvalidJwtException.class);
        assertThatThrownBy(() -> consumer.processToClaims(issuer.tokenFor("alice").audience("other").sign()))
                .isInstanceOf(InvalidJwtException.class);
        assertThatThrownBy(() -> consumer.processToClaims(
                issuer.tokenFor("alice").issuedAgo(Duration.ofHours(2), Duration.ofMinutes(5)).sign()))
                .isInstanceOf(InvalidJwtException.class);
    }
}
