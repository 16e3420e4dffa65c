package dev.marquee.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server: the one configured through {@code MARQUEE_DB_HOST} (and friends), or the project's
 * own cluster that {@code deploy/local/postgres.sh} provisions and starts. Each user of it works in a
 * database of its own.
 *
 * @param host     host name
 * @param port     port
 * @param user     a user allowed to create databases
 * @param password its password
 */
public record PostgresServer(String host, int port, String user, String password) {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static PostgresServer shared;

    /**
     * The server for this JVM; when this JVM had to start the project's own cluster, it stops it on exit.
     */
    public static synchronized PostgresServer obtain() {
        if (shared == null) {
            String[] line = runScript("ensure").trim().split("\\s+");
            if (line.length != 5) {
                throw new IllegalStateException("unexpected answer from postgres.sh: " + String.join(" ", line));
            }
            shared = new PostgresServer(line[1], Integer.parseInt(line[2]), line[3], line[4]);
            if ("started".equals(line[0])) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> runScript("stop"), "postgres-stop"));
            }
        }
        return shared;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates a database, dropping an earlier one of the same name. */
    public void recreateDatabase(String name) {
        requireIdentifier(name);
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execute("CREATE DATABASE " + name);
    }

    /** Creates a database unless it exists. */
    public void ensureDatabase(String name) {
        requireIdentifier(name);
        try (Connection c = connect("postgres");
             var rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            if (!rs.next()) {
                execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public void dropDatabase(String name) {
        requireIdentifier(name);
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Runs a query that answers one number (a count, typically) against a database of this server. */
    public long queryLong(String database, String sql) {
        try (Connection c = connect(database);
             Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    private void execute(String sql) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
    }

    private static String runScript(String command) {
        var script = ProjectRoot.find().resolve("deploy/local/postgres.sh");
        try {
            // In a session of its own, so that a Ctrl-C meant for the caller does not stop the server under it.
            List<String> line = new ArrayList<>(List.of("bash", script.toString(), command));
            if (Files.isExecutable(SETSID)) {
                line.addFirst(SETSID.toString());
            }
            Process process = new ProcessBuilder(line)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("postgres.sh " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
