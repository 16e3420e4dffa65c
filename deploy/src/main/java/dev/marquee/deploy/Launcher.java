package dev.marquee.deploy;

import dev.marquee.infra.ProjectRoot;
import dev.marquee.infra.TopicReader;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local stack's command line, run by {@code ./marquee}:
 * <ul>
 *     <li>{@code start}: start everything, print the URLs and a curl example, run until Ctrl-C;</li>
 *     <li>{@code stop}: stop a stack started from another terminal;</li>
 *     <li>{@code status}: say what runs;</li>
 *     <li>{@code token <user>}: print an access token of a demo user (password = user name).</li>
 * </ul>
 */
public final class Launcher {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path root = ProjectRoot.find();
        StackConfig config = StackConfig.local(root, ProjectRoot.home().toAbsolutePath());
        String command = args.length == 0 ? "start" : args[0];
        switch (command) {
            case "start" -> start(config);
            case "stop" -> System.exit(stop(config) ? 0 : 1);
            case "status" -> System.exit(status(config) ? 0 : 3);
            case "topic" -> {
                if (args.length < 2) {
                    usage();
                }
                printTopic(config.kafkaBootstrap(), args[1]);
            }
            case "token" -> {
                if (args.length < 2) {
                    usage();
                }
                System.out.println(token(config.issuer(), args[1], args.length > 2 ? args[2] : args[1]));
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: ./marquee start | stop | status | token <user> [password] | topic <name>");
        System.exit(2);
    }

    private static void start(StackConfig config) throws IOException, InterruptedException {
        Path launcherPid = config.pids().resolve("launcher.pid");
        Optional<ProcessHandle> running = pid(launcherPid).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (running.isPresent()) {
            System.err.println("The local stack already runs (pid " + running.get().pid() + "); ./marquee stop first.");
            System.exit(1);
        }
        Files.createDirectories(config.pids());
        Files.writeString(launcherPid, Long.toString(ProcessHandle.current().pid()));
        System.out.println("Starting Marquee: PostgreSQL, Kafka, Keycloak and five services. Logs: " + config.logs());
        LocalStack stack;
        try {
            stack = LocalStack.start(config);
        } catch (RuntimeException e) {
            Files.deleteIfExists(launcherPid);
            System.err.println("\nThe stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Marquee...");
            stack.close();
            try {
                Files.deleteIfExists(launcherPid);
            } catch (IOException e) {
                // nothing left to do
            }
            System.out.println("Stopped. Data stays in " + config.home() + " for the next start.");
        }, "marquee-stop"));
        System.out.println(banner(stack));
        Thread.currentThread().join();
    }

    static String banner(LocalStack stack) {
        StackConfig c = stack.config();
        StringBuilder b = new StringBuilder();
        b.append("\nMarquee is running (ready in ").append(stack.startupTimes().get("total").toSeconds())
                .append(" s; all data and logs under ").append(c.home()).append(")\n\n");
        b.append(String.format("  %-24s %s  (sign in as alice / alice)%n", "Web chat",
                c.url(Service.GATEWAY) + "/chat/"));
        b.append(String.format("  %-24s %s%n", "Public API (gateway)", c.url(Service.GATEWAY) + "/api/v1"));
        b.append(String.format("  %-24s %s%n", "API docs (Swagger UI)", c.url(Service.GATEWAY) + "/q/swagger-ui"));
        for (Service service : Service.values()) {
            if (service != Service.GATEWAY) {
                b.append(String.format("  %-24s %s  (internal)%n", service.moduleName(), c.url(service)));
            }
        }
        b.append(String.format("  %-24s %s  (realm marquee; users alice, bob, anna [analyst], admin; "
                + "password = user name)%n", "Keycloak", "http://127.0.0.1:" + c.keycloakPort()));
        b.append(String.format("  %-24s %s%n", "Kafka", c.kafkaBootstrap()));
        b.append(String.format("  %-24s %s:%d (user %s, databases %s_*)%n", "PostgreSQL", stack.postgres().host(),
                stack.postgres().port(), stack.postgres().user(), c.databasePrefix()));
        b.append(startupReport(stack));
        b.append("\nTry a chat turn as alice:\n\n");
        b.append("  TOKEN=$(./marquee token alice)\n");
        b.append("  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n");
        b.append("       -d '{\"message\":\"Can you recommend something to watch?\"}' \\\n");
        b.append("       ").append(c.url(Service.GATEWAY)).append("/api/v1/chat/turns\n");
        b.append("\nCtrl-C (or ./marquee stop from another terminal) stops everything.\n");
        return b.toString();
    }

    /** How long each component took to become ready, and the services' resident memory. */
    static String startupReport(LocalStack stack) {
        StringBuilder b = new StringBuilder("\nStartup and memory:\n");
        Map<Service, Long> memory = stack.residentMemory();
        stack.startupTimes().forEach((name, time) -> {
            String rss = Stream.of(Service.values()).filter(s -> s.moduleName().equals(name)).findFirst()
                    .map(s -> ", " + memory.get(s) + " MiB resident").orElse("");
            b.append(String.format("  %-24s %5.1f s%s%n", name, time.toMillis() / 1000.0, rss));
        });
        return b.toString();
    }

    private static boolean stop(StackConfig config) throws Exception {
        Optional<ProcessHandle> launcher = pid(config.pids().resolve("launcher.pid")).flatMap(ProcessHandle::of);
        if (launcher.isPresent() && launcher.get().isAlive()) {
            System.out.println("Stopping the stack (pid " + launcher.get().pid() + ")...");
            launcher.get().destroy();
            launcher.get().onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(120),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
            System.out.println("The stack is not running; cleaning up what it may have left.");
        }
        // Anything a crashed launcher left behind.
        if (Files.isDirectory(config.pids())) {
            try (Stream<Path> files = Files.list(config.pids())) {
                for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    pid(file).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(p -> {
                        System.out.println("stopping leftover " + file.getFileName() + " (pid " + p.pid() + ")");
                        p.destroy();
                        p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> {
                            p.destroyForcibly();
                            return p;
                        }).join();
                    });
                    Files.deleteIfExists(file);
                }
            }
        }
        Process pg = new ProcessBuilder("bash", config.projectRoot().resolve("deploy/local/postgres.sh").toString(),
                "stop").inheritIO().start();
        return pg.waitFor() == 0;
    }

    private static boolean status(StackConfig config) {
        boolean all = true;
        for (Service service : Service.values()) {
            boolean ready = LocalStack.ok(config.url(service) + "/q/health/ready");
            all &= ready;
            System.out.printf("  %-24s %s %s%n", service.moduleName(), config.url(service), ready ? "ready" : "down");
        }
        boolean keycloak = LocalStack.ok(config.issuer() + "/.well-known/openid-configuration");
        System.out.printf("  %-24s %s %s%n", "keycloak", config.issuer(), keycloak ? "ready" : "down");
        return all && keycloak;
    }

    /** Prints every record of a topic so far: key, CloudEvents type and value. */
    static void printTopic(String bootstrap, String topic) {
        for (var record : TopicReader.readAll(bootstrap, topic, Duration.ofSeconds(60))) {
            var type = record.headers().lastHeader("ce_type");
            System.out.printf("%s  %s  %s%n", record.key(),
                    type == null ? "-" : new String(type.value(), StandardCharsets.UTF_8), record.value());
        }
    }

    /** Fetches an access token with the password grant of the local stack's command-line client. */
    static String token(String issuer, String user, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=marquee-cli&username=" + enc(user) + "&password=" + enc(password);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("Keycloak refused the login of " + user + " (" + response.statusCode()
                    + "): " + response.body());
        }
        return matcher.group(1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
