package dev.marquee.infra;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaVersionsTest {

    @Test
    void theBrokerModulesMatchTheClientsOfTheQuarkusBom() {
        String clients = AppInfoParser.getVersion();

        assertThat(jarVersion(kafka.server.KafkaRaftServer.class, "kafka_2.13")).isEqualTo(clients);
        assertThat(jarVersion(org.apache.kafka.server.config.AbstractKafkaConfig.class, "kafka-server"))
                .isEqualTo(clients);
        assertThat(jarVersion(org.apache.kafka.server.common.MetadataVersion.class, "kafka-server-common"))
                .isEqualTo(clients);
    }

    /** Kafka's jars carry no Maven metadata, so the jar's file name tells its version. */
    private static String jarVersion(Class<?> type, String artifact) {
        String path = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        assertThat(file).startsWith(artifact + "-").endsWith(".jar");
        return file.substring(artifact.length() + 1, file.length() - ".jar".length());
    }
}
