package dev.marquee.deploy;

import dev.marquee.infra.Ports;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where and how the local stack runs.
 *
 * @param projectRoot    the checkout (service jars are under {@code <module>/target/quarkus-app})
 * @param home           where all data, logs and pid files live
 * @param ports          HTTP port of each service
 * @param kafkaPort      Kafka client port
 * @param kafkaControllerPort Kafka KRaft controller port
 * @param keycloakPort   Keycloak HTTP port; ignored when {@code oidcIssuer} is set
 * @param oidcIssuer     an external OIDC issuer to trust instead of starting Keycloak (tests), or null
 * @param databasePrefix prefix of the services' database names, e.g. {@code marquee} gives {@code marquee_dialogue}
 * @param freshData      start from empty databases and an empty broker (tests), instead of keeping data
 * @param services       the services to start (all of them, except for benchmarks of one service)
 * @param heapMb         each started service's maximum heap in MiB
 * @param properties     configuration given to one service beside the stack's own (benchmarks)
 * @param keycloakBrand  with an external {@code oidcIssuer}: a brand whose users sign in through a Keycloak this
 *                       stack starts (an issuer of its own, as an OIDC tenant of every service), or null
 */
public record StackConfig(Path projectRoot, Path home, Map<Service, Integer> ports, int kafkaPort,
                          int kafkaControllerPort, int keycloakPort, String oidcIssuer, String databasePrefix,
                          boolean freshData, Set<Service> services, Map<Service, Integer> heapMb,
                          Map<Service, Map<String, String>> properties, String keycloakBrand) {

    private static Map<Service, Integer> defaultHeaps() {
        Map<Service, Integer> heaps = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            heaps.put(service, service.heapMb());
        }
        return heaps;
    }

    /** This stack with only the given services. */
    public StackConfig onlyServices(Set<Service> value) {
        return new StackConfig(projectRoot, home, ports, kafkaPort, kafkaControllerPort, keycloakPort, oidcIssuer,
                databasePrefix, freshData, EnumSet.copyOf(value), heapMb, properties, keycloakBrand);
    }

    /** This stack with another heap for one service. */
    public StackConfig withHeap(Service service, int megabytes) {
        Map<Service, Integer> heaps = new EnumMap<>(heapMb);
        heaps.put(service, megabytes);
        return new StackConfig(projectRoot, home, ports, kafkaPort, kafkaControllerPort, keycloakPort, oidcIssuer,
                databasePrefix, freshData, services, heaps, properties, keycloakBrand);
    }

    /** This stack with one more configuration property for one service. */
    public StackConfig withProperty(Service service, String key, String value) {
        Map<Service, Map<String, String>> all = new EnumMap<>(Service.class);
        all.putAll(properties);
        Map<String, String> own = new TreeMap<>(properties.getOrDefault(service, Map.of()));
        own.put(key, value);
        all.put(service, Map.copyOf(own));
        return new StackConfig(projectRoot, home, ports, kafkaPort, kafkaControllerPort, keycloakPort, oidcIssuer,
                databasePrefix, freshData, services, heapMb, all, keycloakBrand);
    }

    /** This stack keeping the data of earlier runs instead of starting empty. */
    public StackConfig keepingData() {
        return new StackConfig(projectRoot, home, ports, kafkaPort, kafkaControllerPort, keycloakPort, oidcIssuer,
                databasePrefix, false, services, heapMb, properties, keycloakBrand);
    }

    /** The local stack of the README: fixed, well-known ports and Keycloak. */
    public static StackConfig local(Path projectRoot, Path home) {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, service.defaultPort());
        }
        return new StackConfig(projectRoot, home, ports, 9092, 9093, 8180, null, "marquee", false,
                EnumSet.allOf(Service.class), defaultHeaps(), Map.of(), null);
    }

    /**
     * A stack on free ports, with empty databases and broker, that trusts the given issuer: for end-to-end tests,
     * which may run beside a running local stack.
     */
    public static StackConfig ephemeral(Path projectRoot, Path home, String oidcIssuer) {
        return ephemeral(projectRoot, home, oidcIssuer, "e2e");
    }

    /** {@link #ephemeral(Path, Path, String)} with databases named {@code <databasePrefix>_<service>}. */
    public static StackConfig ephemeral(Path projectRoot, Path home, String oidcIssuer, String databasePrefix) {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, Ports.free());
        }
        return new StackConfig(projectRoot, home, ports, Ports.free(), Ports.free(), 0, oidcIssuer, databasePrefix,
                true, EnumSet.allOf(Service.class), defaultHeaps(), Map.of(), null);
    }

    /**
     * This stack, beside its external issuer, with a Keycloak (on a free port) that signs in the users of a brand
     * with an issuer of its own: how the end-to-end tests sign in through the web chat page.
     */
    public StackConfig withKeycloakForBrand(String brand) {
        return new StackConfig(projectRoot, home, ports, kafkaPort, kafkaControllerPort, Ports.free(), oidcIssuer,
                databasePrefix, freshData, services, heapMb, properties, brand);
    }

    public boolean startsKeycloak() {
        return oidcIssuer == null || keycloakBrand != null;
    }

    /** The issuer services trust by default. */
    public String issuer() {
        return oidcIssuer != null ? oidcIssuer : keycloakIssuer();
    }

    /** The realm of the Keycloak this stack starts. */
    public String keycloakIssuer() {
        return "http://127.0.0.1:" + keycloakPort + "/realms/marquee";
    }

    public String url(Service service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String database(Service service) {
        return databasePrefix + "_" + service.shortName();
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path pids() {
        return home.resolve("run");
    }
}
