package dev.marquee.deploy;

import dev.marquee.infra.Directories;
import dev.marquee.infra.KafkaBrokerMain;
import dev.marquee.infra.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Starts and stops the whole suite on one machine without Docker: the project's PostgreSQL, a Kafka broker
 * and Keycloak as processes of their own, then the five services from their built jars. Used by
 * {@code ./marquee start} and by the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final StackConfig config;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Map<String, Duration> startupTimes = new LinkedHashMap<>();
    private final Map<Service, ManagedProcess> services = new EnumMap<>(Service.class);
    private PostgresServer postgres;
    private volatile boolean closed;

    private LocalStack(StackConfig config) {
        this.config = config;
    }

    /** Starts everything and waits until every service is ready; stops what it started if anything fails. */
    public static LocalStack start(StackConfig config) {
        LocalStack stack = new LocalStack(config);
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public StackConfig config() {
        return config;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** How long each component took to become ready. */
    public Map<String, Duration> startupTimes() {
        return startupTimes;
    }

    /** Resident memory of each service process in MiB. */
    public Map<Service, Long> residentMemory() {
        Map<Service, Long> memory = new EnumMap<>(Service.class);
        services.forEach((service, process) -> memory.put(service, process.residentMiB()));
        return memory;
    }

    /** The lines of a service's log that contain the text, joined by new lines. */
    public String logLines(Service service, String text) {
        try (Stream<String> lines = Files.lines(services.get(service).log())) {
            return String.join("\n", lines.filter(l -> l.contains(text)).toList());
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** CPU time used so far by each process of the stack (services, Kafka, Keycloak), by name. */
    public synchronized Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        processes.forEach(p -> times.put(p.name(), p.cpuTime()));
        return times;
    }

    private void startAll() {
        for (Service service : config.services()) {
            if (!Files.isRegularFile(jar(service))) {
                throw new IllegalStateException(jar(service) + " is missing: build first (./mvnw package -DskipTests)");
            }
        }
        Instant begin = Instant.now();
        postgres = PostgresServer.obtainWithoutStopHook();
        for (Service service : config.services()) {
            if (service.ownsDatabase() && config.freshData()) {
                postgres.recreateDatabase(config.database(service));
            } else if (service.ownsDatabase()) {
                postgres.ensureDatabase(config.database(service));
            }
        }
        if (config.freshData()) {
            Directories.deleteRecursively(config.home().resolve("kafka"));
            Directories.deleteRecursively(config.home().resolve("analytics-state"));
        }
        startupTimes.put("postgresql", Duration.between(begin, Instant.now()));

        Instant kafkaStart = Instant.now();
        ManagedProcess kafka = java("kafka", List.of("-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(), config.home().resolve("kafka").toString(),
                Integer.toString(config.kafkaPort()), Integer.toString(config.kafkaControllerPort())), Map.of());
        Instant keycloakStart = Instant.now();
        ManagedProcess keycloak = config.startsKeycloak() ? keycloak() : null;
        await(kafka, () -> kafka.logged("kafka ready"), Duration.ofMinutes(2));
        startupTimes.put("kafka", Duration.between(kafkaStart, Instant.now()));
        if (keycloak != null) {
            await(keycloak, () -> ok(config.keycloakIssuer() + "/.well-known/openid-configuration"), READY_TIMEOUT);
            startupTimes.put("keycloak", Duration.between(keycloakStart, Instant.now()));
        }

        Map<Service, Instant> started = new EnumMap<>(Service.class);
        for (Service service : config.services()) {
            started.put(service, Instant.now());
            startService(service);
        }
        for (Service service : config.services()) {
            ManagedProcess process = services.get(service);
            await(process, () -> ok(config.url(service) + "/q/health/ready"), READY_TIMEOUT);
            startupTimes.put(service.moduleName(), Duration.between(started.get(service), Instant.now()));
        }
        startupTimes.put("total", Duration.between(begin, Instant.now()));
    }

    /**
     * Kills one service at once (SIGKILL), as a crash would; {@link #restart(Service)} starts it again. Tests use it
     * to prove that a crash loses nothing and repeats nothing.
     */
    public synchronized void kill(Service service) {
        ManagedProcess process = services.get(service);
        if (process == null || closed) {
            throw new IllegalStateException(service.moduleName() + " is not running in this stack");
        }
        process.kill();
    }

    /**
     * Stops one service gracefully (unless it was killed) and starts it again with the same arguments, waiting
     * until it is ready: how the tests prove that state lives in PostgreSQL and Kafka rather than in the process.
     *
     * @return how long the new process took to become ready
     */
    public synchronized Duration restart(Service service) {
        ManagedProcess old = services.get(service);
        if (old == null || closed) {
            throw new IllegalStateException(service.moduleName() + " is not running in this stack");
        }
        old.stop(Duration.ofSeconds(20));
        processes.remove(old);
        try {
            Files.move(old.log(), old.log().resolveSibling(service.moduleName() + ".before-restart.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the new process overwrites the log; nothing else depends on it
        }
        Instant begin = Instant.now();
        ManagedProcess process = startService(service);
        await(process, () -> ok(config.url(service) + "/q/health/ready"), READY_TIMEOUT);
        return Duration.between(begin, Instant.now());
    }

    private ManagedProcess startService(Service service) {
        ManagedProcess process = java(service.moduleName(), serviceArguments(service),
                Map.of("MARQUEE_HOME", config.home().toString()));
        services.put(service, process);
        return process;
    }

    private List<String> serviceArguments(Service service) {
        List<String> args = new ArrayList<>(List.of(
                "-Xmx" + config.heapMb().get(service) + "m",
                "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + config.ports().get(service),
                "-Dkafka.bootstrap.servers=" + config.kafkaBootstrap(),
                "-Dquarkus.oidc.auth-server-url=" + config.issuer()));
        if (config.keycloakBrand() != null) {
            // A brand with an issuer of its own: an OIDC tenant named after it, as an operator configures one.
            String tenant = "-Dquarkus.oidc." + config.keycloakBrand() + ".";
            args.addAll(List.of(tenant + "auth-server-url=" + config.keycloakIssuer(), tenant + "client-id=marquee-api",
                    tenant + "application-type=service", tenant + "token.audience=marquee-api"));
            if (service == Service.GATEWAY) {
                args.add("-Dmarquee.gateway.web.issuer=" + config.keycloakIssuer());
            }
        }
        if (service.ownsDatabase()) {
            args.add("-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(config.database(service)));
            args.add("-Dquarkus.datasource.username=" + postgres.user());
            args.add("-Dquarkus.datasource.password=" + postgres.password());
        }
        List<Service> downstream = switch (service) {
            case GATEWAY -> List.of(Service.DIALOGUE, Service.RECOMMENDATION, Service.ANALYTICS, Service.PRIVACY);
            case DIALOGUE -> List.of(Service.RECOMMENDATION);
            default -> List.of();
        };
        for (Service other : downstream) {
            if (!config.services().contains(other)) {
                continue;
            }
            args.add("-Dquarkus.rest-client." + other.shortName() + ".url=" + config.url(other));
        }
        config.properties().getOrDefault(service, Map.of())
                .forEach((key, value) -> args.add("-D" + key + "=" + value));
        args.add("-jar");
        args.add(jar(service).toString());
        return args;
    }

    private ManagedProcess keycloak() {
        Path distribution;
        try (Stream<Path> dirs = Files.list(config.home().resolve("keycloak"))) {
            distribution = dirs.filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Keycloak is not unpacked under "
                            + config.home().resolve("keycloak") + ": run ./marquee start"));
            if (config.freshData()) {
                // Keycloak imports a realm only once: a fresh stack starts from its own realm file again.
                Directories.deleteRecursively(distribution.resolve("data/h2"));
            }
            Path imports = distribution.resolve("data/import");
            Files.createDirectories(imports);
            // The web chat's redirect URIs and origins name the gateway, wherever this stack put it.
            String gateway = config.url(Service.GATEWAY);
            String port = gateway.substring(gateway.lastIndexOf(':') + 1);
            String realm = Files.readString(config.projectRoot().resolve("deploy/local/keycloak/marquee-realm.json"))
                    .replace("http://127.0.0.1:8080", gateway).replace("http://localhost:8080", "http://localhost:" + port);
            Files.writeString(imports.resolve("marquee-realm.json"), realm);
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak is not unpacked under " + config.home().resolve("keycloak")
                    + ": run ./marquee start", e);
        }
        String url = "http://127.0.0.1:" + config.keycloakPort();
        ManagedProcess keycloak = ManagedProcess.start("keycloak", List.of(
                        "bash", distribution.resolve("bin/kc.sh").toString(), "start-dev",
                        "--http-host=127.0.0.1", "--http-port=" + config.keycloakPort(), "--hostname=" + url,
                        "--import-realm"),
                Map.of("JAVA_HOME", System.getProperty("java.home"),
                        "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                        "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"),
                config);
        processes.add(keycloak);
        return keycloak;
    }

    private ManagedProcess java(String name, List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ManagedProcess process = ManagedProcess.start(name, command, environment, config);
        processes.add(process);
        return process;
    }

    private Path jar(Service service) {
        return config.projectRoot().resolve(service.moduleName()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static void await(ManagedProcess process, BooleanSupplier ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.alive()) {
                throw new IllegalStateException(process.name() + " stopped while starting; the end of "
                        + process.log() + ":\n" + process.tail(40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(process.name() + " was not ready within " + timeout.toSeconds()
                        + " s; the end of " + process.log() + ":\n" + process.tail(40));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
            }
        }
    }

    static boolean ok(String url) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops the services first (together), then Keycloak and Kafka, then PostgreSQL if this stack started it: each
     * goes only once nothing that needs it runs any more.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        services.values().parallelStream().forEach(p -> p.stop(Duration.ofSeconds(20)));
        List<ManagedProcess> infrastructure = new ArrayList<>(processes);
        infrastructure.removeAll(services.values());
        java.util.Collections.reverse(infrastructure);
        infrastructure.forEach(p -> p.stop(Duration.ofSeconds(30)));
        PostgresServer.stopIfStartedHere();
    }
}
