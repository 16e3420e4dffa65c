package dev.marquee.deploy.bench;

import dev.marquee.deploy.LocalStack;
import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.events.RecommendationServed;
import dev.marquee.events.Topic;
import dev.marquee.events.TurnCompleted;
import dev.marquee.events.TurnFeedback;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Throughput of analytics-service: a burst of the suite's events (turns, feedback, served lists and the
 * interactions that follow them, in the proportions of a chat product) goes to the broker as fast as one producer
 * can send it, and the service processes it with exactly-once on, either as it arrives or (backlog) once it was
 * all produced, in one transaction. Done means the Kafka Streams application's committed offsets reached the end of
 * every input partition: everything was processed and committed, state, changelogs and analyst topics included.
 */
final class AnalyticsBench {
    private static final String APPLICATION = "analytics-service";
    private static final List<Topic> INPUTS = List.of(Topic.DIALOGUE_TURNS, Topic.DIALOGUE_FEEDBACK,
            Topic.INTERACTIONS, Topic.RECOMMENDATIONS_SERVED);
    private static final InteractionType[] FUNNEL = {InteractionType.IMPRESSION, InteractionType.CLICK,
            InteractionType.PLAY, InteractionType.COMPLETE, InteractionType.PURCHASE};
    private static final String[] CHANNELS = {"web", "ios", "android", "tv"};
    private static final String[] PERSONAS = {"marquee-host@1", "nova-guide@1"};
    private static final String[] VARIANTS = {"control", "b"};

    private AnalyticsBench() {
    }

    /**
     * @param warmUp  events produced and processed before the measured burst
     * @param backlog whether the burst is produced in one transaction, which the service sees only once it is
     *                all there: the service's own throughput, without the load generator competing for the cores
     */
    static String run(LocalStack stack, int events, int users, int warmUp, boolean backlog) throws Exception {
        String bootstrap = stack.config().kafkaBootstrap();
        StringBuilder report = new StringBuilder();
        try (KafkaProducer<String, String> producer = BurstProducer.open(bootstrap);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // Two thirds of the users have given analytics consent.
            for (int u = 0; u < users; u++) {
                if (u % 3 != 0) {
                    BurstProducer.send(producer, consent(user(u)));
                }
            }
            producer.flush();
            // Consent reaches the topology through a global store, apart from the events; give it a moment.
            Thread.sleep(3000);
            if (warmUp > 0) {
                // Unmeasured: a fresh JVM spends its first minute compiling (C2 took a sixth of the cores during
                // a burst right after the start), which is not the service's throughput.
                Instant start = Instant.now();
                produce(producer, "w", warmUp, users);
                producer.flush();
                awaitProcessed(admin, Duration.ofMinutes(20));
                report.append(String.format("Warm-up: %d events processed in %.1f s (not measured)%n", warmUp,
                        Duration.between(start, Instant.now()).toMillis() / 1000.0));
            }
            if (backlog) {
                // The burst goes out in one transaction: the service reads committed records only (exactly once),
                // so it waits, warm, while the load generator works, and gets the whole backlog at the commit.
                try (KafkaProducer<String, String> held = BurstProducer.openTransactional(bootstrap,
                        "analytics-bench-" + UUID.randomUUID())) {
                    held.initTransactions();
                    held.beginTransaction();
                    Instant start = Instant.now();
                    int sent = produce(held, "b", events, users);
                    held.flush();
                    double producing = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                    CpuUse cpu = CpuUse.start(stack);
                    held.commitTransaction();
                    System.out.println("Burst committed: processing...");
                    Instant released = Instant.now();
                    awaitProcessed(admin, Duration.ofMinutes(20));
                    double processing = Duration.between(released, Instant.now()).toMillis() / 1000.0;
                    report.append(String.format("Analytics from a backlog: %d events (%d users, two thirds with "
                                    + "analytics consent) produced in one transaction in %.1f s, the service idle; "
                                    + "from the commit, all processed and committed (exactly once) in %.1f s: "
                                    + "%.0f events/s%nCPU seconds from the commit: %s%n",
                            sent, users, producing, processing, sent / Math.max(processing, 0.001), cpu.since()));
                }
            } else {
                CpuUse cpu = CpuUse.start(stack);
                Instant start = Instant.now();
                int sent = produce(producer, "b", events, users);
                producer.flush();
                Instant producedAt = Instant.now();
                long left = backlog(admin);
                awaitProcessed(admin, Duration.ofMinutes(20));
                Instant done = Instant.now();
                double total = Duration.between(start, done).toMillis() / 1000.0;
                double alone = Duration.between(producedAt, done).toMillis() / 1000.0;
                report.append(String.format("Analytics: %d events (%d users, two thirds with analytics consent) "
                                + "produced in %.1f s; all processed and committed (exactly once) after %.1f s: %.0f "
                                + "events/s end to end; after the burst was produced %.0f events/s (%d in %.1f s)%n"
                                + "CPU seconds: %s%n", sent, users,
                        Duration.between(start, producedAt).toMillis() / 1000.0, total, sent / total,
                        left / Math.max(alone, 0.001), left, alone, cpu.since()));
            }
        }
        report.append("resident memory MiB: ").append(stack.residentMemory()).append('\n');
        return report.toString();
    }

    /**
     * Sends sessions until {@code events} are out, with ids that start with {@code run}: each is a few turns,
     * sometimes a thumbs, and a served list whose items are seen, clicked and played in a thinning funnel; event
     * times spread over two hours.
     */
    private static int produce(KafkaProducer<String, String> producer, String run, int events, int users) {
        SplittableRandom random = new SplittableRandom(run.hashCode());
        Instant base = Instant.now().minus(Duration.ofHours(2));
        int sent = 0;
        long session = 0;
        while (sent < events) {
            session++;
            String user = user(random.nextInt(users));
            String conversation = run + "c-" + session;
            Instant at = base.plusMillis(random.nextLong(Duration.ofHours(2).toMillis()));
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            String persona = PERSONAS[random.nextInt(PERSONAS.length)];
            int turns = 1 + random.nextInt(5);
            for (int t = 0; t < turns && sent < events; t++) {
                at = at.plusSeconds(5 + random.nextInt(60));
                String turnId = run + "t-" + session + "-" + t;
                BurstProducer.send(producer, EventEnvelope.forUser(user, turnId, "/marquee/dialogue-service", at,
                        new TurnCompleted(turnId, conversation, user, "marquee", persona, channel, "recommend",
                                "offline-catalog-responder", List.of("mv-0001", "mv-0002"), List.of(),
                                random.nextInt(50) == 0, random.nextInt(10) == 0, 5 + random.nextInt(200), null,
                                null, at)));
                sent++;
                if (random.nextInt(10) == 0 && sent < events) {
                    String feedbackId = run + "f-" + session + "-" + t;
                    BurstProducer.send(producer, EventEnvelope.forUser(user, feedbackId, "/marquee/dialogue-service", at,
                            new TurnFeedback(feedbackId, turnId, conversation, user, "marquee",
                                    random.nextInt(4) == 0 ? TurnFeedback.Rating.DOWN : TurnFeedback.Rating.UP,
                                    null, at)));
                    sent++;
                }
            }
            if (sent < events) {
                String list = run + "r-" + session;
                BurstProducer.send(producer, EventEnvelope.forUser(user, list, "/marquee/recommendation-service", at,
                        new RecommendationServed(list, user, "marquee", "hybrid",
                                VARIANTS[random.nextInt(VARIANTS.length)], "chat",
                                List.of(new RecommendationServed.Item("mv-0001", 1, 1.0, "Popular right now")), at)));
                sent++;
                for (int stage = 0; stage < FUNNEL.length && sent < events; stage++) {
                    if (stage > 0 && random.nextInt(2) == 0) {
                        break;
                    }
                    at = at.plusSeconds(1 + random.nextInt(30));
                    String id = run + "i-" + session + "-" + stage;
                    BurstProducer.send(producer, EventEnvelope.forUser(user, id, "/marquee/gateway-service", at,
                            new Interaction(id, user, "mv-0001", FUNNEL[stage], null, list, "chat", "marquee",
                                    channel, at)));
                    sent++;
                }
            }
        }
        return sent;
    }

    private static String user(int n) {
        return String.format("bu-%06d", n);
    }

    private static EventEnvelope consent(String user) {
        Map<ConsentPurpose, Boolean> purposes = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose p : ConsentPurpose.values()) {
            purposes.put(p, p == ConsentPurpose.ANALYTICS);
        }
        Instant now = Instant.now();
        return EventEnvelope.forUser(user, "bcons-" + user, "/marquee/privacy-service", now,
                new ConsentChanged(user, "marquee", purposes, List.of(ConsentPurpose.ANALYTICS), "2026-01", "bench",
                        1, now));
    }

    /** Records on the input topics the application has not committed yet. */
    private static long backlog(Admin admin) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (Topic topic : INPUTS) {
            for (int p = 0; p < topic.partitions(); p++) {
                latest.put(new TopicPartition(topic.topicName(), p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION)
                .partitionsToOffsetAndMetadata().get();
        long backlog = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            backlog += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
        }
        return backlog;
    }

    private static void awaitProcessed(Admin admin, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long left;
        while ((left = backlog(admin)) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(left + " input records still unprocessed after " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
