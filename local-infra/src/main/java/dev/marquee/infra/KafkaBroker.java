package dev.marquee.infra;

import dev.marquee.events.Topic;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run from the
 * {@code kafka_2.13} jars in this JVM. Tests share one per JVM through {@link #shared()}; the local stack
 * runs one in its own process through {@link KafkaBrokerMain}.
 */
public final class KafkaBroker implements AutoCloseable {
    private static KafkaBroker shared;

    private final Path logDir;
    private final int port;
    private final boolean deleteOnClose;
    private final KafkaRaftServer server;

    private KafkaBroker(Path logDir, int port, int controllerPort, boolean deleteOnClose) {
        this.logDir = logDir;
        this.port = port;
        this.deleteOnClose = deleteOnClose;
        Properties props = brokerProperties(logDir, port, controllerPort);
        format(logDir, props);
        this.server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    }

    /**
     * Starts a broker whose data lives in {@code logDir} (kept across restarts) on the given port.
     */
    public static KafkaBroker start(Path logDir, int port, int controllerPort) {
        KafkaBroker broker = new KafkaBroker(logDir, port, controllerPort, false);
        broker.startAndAwait();
        return broker;
    }

    /** Starts a throw-away broker on free ports with its data in a temporary directory. */
    public static KafkaBroker startEphemeral() {
        try {
            Path dir = Files.createTempDirectory("marquee-kafka-");
            KafkaBroker broker = new KafkaBroker(dir, Ports.free(), Ports.free(), true);
            broker.startAndAwait();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The broker shared by every test of this JVM, started on first use with every catalogue topic created,
     * and stopped when the JVM exits.
     */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = startEphemeral();
            shared.createCatalogueTopics();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-broker-shutdown"));
        }
        return shared;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Creates every topic of the {@link Topic} catalogue that does not exist yet. */
    public void createCatalogueTopics() {
        createTopics(bootstrapServers(), Arrays.stream(Topic.values())
                .map(t -> new NewTopic(t.topicName(), t.partitions(), (short) 1).configs(t.configs()))
                .toList());
    }

    /** Creates the given topics on any cluster, ignoring those that exist already. */
    public static void createTopics(String bootstrapServers, List<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    @Override
    public synchronized void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            Directories.deleteRecursively(logDir);
        }
    }

    private void startAndAwait() {
        server.startup();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                Exception last = null;
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka broker did not become ready", last);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Properties brokerProperties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", Integer.toString(Topic.DEFAULT_PARTITIONS));
        p.put("auto.create.topics.enable", "false");
        // One node: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", "10000");
        return p;
    }

    private static void format(Path logDir, Properties props) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            Path config = logDir.resolve("..").normalize().resolve(logDir.getFileName() + ".format.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "used once to format the KRaft storage");
            }
            var output = new java.io.ByteArrayOutputStream();
            int status = kafka.tools.StorageTool.execute(new String[]{
                    "format", "--config", config.toString(), "--cluster-id", Uuid.randomUuid().toString(),
                    "--ignore-formatted"}, new PrintStream(output, true, java.nio.charset.StandardCharsets.UTF_8));
            Files.deleteIfExists(config);
            if (status != 0) {
                throw new IllegalStateException("formatting Kafka storage failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
