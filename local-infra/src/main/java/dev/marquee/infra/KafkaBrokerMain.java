package dev.marquee.infra;

import java.nio.file.Path;

/**
 * Runs the local stack's Kafka broker as its own process:
 * {@code java -cp ... dev.marquee.infra.KafkaBrokerMain <data-dir> <port> <controller-port>}.
 * Creates every catalogue topic, prints {@code kafka ready on 127.0.0.1:<port>} and runs until terminated.
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain <data-dir> <port> <controller-port>");
            System.exit(2);
        }
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        broker.createCatalogueTopics();
        System.out.println("kafka ready on " + broker.bootstrapServers());
        Thread.currentThread().join();
    }
}
