package dev.marquee.infra.quarkus;

import dev.marquee.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a Quarkus test a fresh database on a real PostgreSQL server (see {@link PostgresServer}). The database is
 * named after the {@code database} init argument plus {@code _test} and recreated empty at every start.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private String database = "marquee_test";

    /** The database a test gets for the {@code database} init argument, e.g. {@code dialogue_test}. */
    public static String databaseName(String name) {
        return name + "_test";
    }

    @Override
    public void init(Map<String, String> initArgs) {
        if (initArgs.containsKey("database")) {
            database = databaseName(initArgs.get("database"));
        }
    }

    @Override
    public Map<String, String> start() {
        PostgresServer server = PostgresServer.obtain();
        server.recreateDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        // The database stays for inspection after the run; the next run recreates it.
    }
}
