package dev.marquee.deploy.bench;

import dev.marquee.deploy.LocalStack;
import dev.marquee.deploy.Service;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.infra.TestIssuer;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on recommendation-service with a large catalog and history: a synthetic dataset (by default 100,000
 * titles, 50,000 users, 1,000,000 interactions, every user with personalization consent) is written into the
 * service's database once and kept for later runs; the service rebuilds its model from it and embeds every title.
 * Then (1) {@code concurrency} clients ask for top-10 recommendations of random users as fast as answers come
 * (each answer stored as a served list and announced on Kafka, as in production), and (2) a burst of new
 * interactions is produced to Kafka and the time until the service has stored and learned all of them is taken.
 */
final class RecommendationBench {
    private static final Pattern METRIC = Pattern.compile("(?m)^%s(?:\\{[^}]*\\})? ([0-9.eE+-]+)$");

    private RecommendationBench() {
    }

    record Options(int titles, int users, int interactions, int concurrency, Duration warmup, Duration measure,
                   int burst) {
    }

    static String run(LocalStack stack, TestIssuer issuer, Options options) throws Exception {
        String base = stack.config().url(Service.RECOMMENDATION);
        String database = stack.config().database(Service.RECOMMENDATION);
        StringBuilder report = new StringBuilder();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        long stored = stack.postgres().queryLong(database, "SELECT count(*) FROM interaction");
        if (stored < options.interactions()) {
            System.out.printf("Loading %d titles, %d users and %d interactions into %s (once)...%n",
                    options.titles(), options.users(), options.interactions(), database);
            load(stack, database, options);
        }
        long titles = stack.postgres().queryLong(database, "SELECT count(*) FROM title");
        Instant waitFrom = Instant.now();
        long learned;
        while ((learned = (long) metric(http, base, "marquee_recommendation_model_interactions"))
                < options.interactions()) {
            Thread.sleep(2000);
            System.out.printf("  model: %d interactions learned (%d s)%n", learned,
                    Duration.between(waitFrom, Instant.now()).toSeconds());
            if (Duration.between(waitFrom, Instant.now()).toMinutes() >= 5) {
                throw new IllegalStateException("the service did not rebuild its model from the loaded dataset in "
                        + "5 minutes; see " + stack.config().logs());
            }
        }
        long vectors;
        while ((vectors = stack.postgres().queryLong(database, "SELECT count(*) FROM title_vector")) < titles) {
            System.out.printf("  content vectors: %d of %d titles (%d s)%n", vectors, titles,
                    Duration.between(waitFrom, Instant.now()).toSeconds());
            Thread.sleep(15_000);
            if (Duration.between(waitFrom, Instant.now()).toMinutes() >= 45) {
                throw new IllegalStateException("content vectors were not all computed in 45 minutes");
            }
        }
        // The service logs how long the model took to build from PostgreSQL and how big it is.
        report.append(stack.logLines(Service.RECOMMENDATION, "recommender built:")).append('\n');

        List<String> users = new ArrayList<>();
        for (int u = 1; u <= options.users(); u += Math.max(1, options.users() / 2000)) {
            users.add(String.format("u-%05d", u));
        }
        String[] tokens = users.stream().map(u -> issuer.tokenFor(u).roles("user")
                .issuedAgo(Duration.ZERO, Duration.ofHours(2)).sign()).toArray(String[]::new);
        report.append("Top-10 recommendations (hybrid, personalized, served list stored and announced):\n");
        for (int concurrency : new int[]{options.concurrency(), Math.max(1, options.concurrency() / 4)}) {
            report.append(recommendations(stack, http, base, tokens, concurrency, options));
        }
        report.append(ingest(stack, http, base, options.burst(), options.users()));
        report.append("resident memory MiB: ").append(stack.residentMemory()).append('\n');
        return report.toString();
    }

    private static String recommendations(LocalStack stack, HttpClient http, String base, String[] tokens,
                                          int concurrency, Options options) {
        CpuUse cpu = CpuUse.start(stack);
        LoadRun.Result result = LoadRun.run(concurrency, options.warmup(), options.measure(), i -> {
            SplittableRandom random = new SplittableRandom(i);
            HttpConnection connection = new HttpConnection(URI.create(base), 30_000);
            return () -> {
                int u = random.nextInt(tokens.length);
                HttpConnection.Response response = connection.get("/v1/recommendations?k=10&strategy=hybrid",
                        tokens[u]);
                if (response.status() != 200 || !response.body().contains("\"personalized\":true")) {
                    throw new IOException("HTTP " + response.status() + (response.status() == 200
                            ? " not personalized" : ""));
                }
            };
        });
        return result.summary("requests") + String.format("CPU seconds in the %d s: %s%n",
                options.warmup().plus(options.measure()).toSeconds(), cpu.since());
    }

    private static void load(LocalStack stack, String database, Options options) throws Exception {
        Path app = stack.config().projectRoot().resolve("recommendation-service/target/quarkus-app");
        Process loader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g", "-cp", app.resolve("app") + "/*:" + app.resolve("lib/main") + "/*",
                "dev.marquee.recommendation.eval.LoadDataset", stack.postgres().jdbcUrl(database),
                stack.postgres().user(), stack.postgres().password(), Integer.toString(options.titles()),
                Integer.toString(options.users()), Integer.toString(options.interactions()), "7")
                .inheritIO().start();
        if (loader.waitFor() != 0) {
            throw new IllegalStateException("loading the dataset failed");
        }
    }

    /** Produces a burst of interactions and measures how fast the service stores and learns them. */
    private static String ingest(LocalStack stack, HttpClient http, String base, int burst, int users)
            throws Exception {
        double before = metric(http, base, "marquee_recommendation_interactions_total");
        CpuUse cpu = CpuUse.start(stack);
        List<String> titleIds = new ArrayList<>();
        try (var c = stack.postgres().connect(stack.config().database(Service.RECOMMENDATION));
             var rs = c.createStatement().executeQuery("SELECT id FROM title ORDER BY id")) {
            while (rs.next()) {
                titleIds.add(rs.getString(1));
            }
        }
        SplittableRandom random = new SplittableRandom(99);
        InteractionType[] types = {InteractionType.PLAY, InteractionType.CLICK, InteractionType.COMPLETE,
                InteractionType.LIKE};
        Instant start = Instant.now();
        try (KafkaProducer<String, String> producer = BurstProducer.open(stack.config().kafkaBootstrap())) {
            for (int n = 0; n < burst; n++) {
                String user = String.format("u-%05d", 1 + random.nextInt(users));
                String id = UUID.randomUUID().toString();
                Instant now = Instant.now();
                EventEnvelope event = EventEnvelope.forUser(user, id, "/marquee/gateway-service", now,
                        new Interaction(id, user, titleIds.get(random.nextInt(titleIds.size())),
                                types[random.nextInt(types.length)], null, null, "home", "marquee", "web", now));
                BurstProducer.send(producer, event);
            }
            producer.flush();
        }
        Duration produced = Duration.between(start, Instant.now());
        // From here on only the service works: its rate without the load generator competing for the cores.
        double atProduced = metric(http, base, "marquee_recommendation_interactions_total");
        Instant producedAt = Instant.now();
        double after;
        while ((after = metric(http, base, "marquee_recommendation_interactions_total")) < before + burst) {
            Thread.sleep(200);
            if (Duration.between(start, Instant.now()).toMinutes() > 10) {
                throw new IllegalStateException("only " + (after - before) + " of " + burst + " learned in 10 min");
            }
        }
        Duration total = Duration.between(start, Instant.now());
        Duration alone = Duration.between(producedAt, Instant.now());
        return String.format("Ingestion: %d interactions produced in %.1f s; all stored and learned after %.1f s: "
                        + "%.0f events/s end to end; after the burst was produced %.0f events/s (%.0f in %.1f s); "
                        + "CPU seconds: %s%n", burst, produced.toMillis() / 1000.0, total.toMillis() / 1000.0,
                burst / (total.toMillis() / 1000.0), (before + burst - atProduced) / (alone.toMillis() / 1000.0),
                before + burst - atProduced, alone.toMillis() / 1000.0, cpu.since());
    }

    /** A metric's value from /q/metrics, summed over its label sets; 0 when absent. */
    static double metric(HttpClient http, String base, String name) throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile(String.format(METRIC.pattern(), Pattern.quote(name))).matcher(body);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }
}
