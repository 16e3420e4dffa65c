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
    private static PostgresServer shared;
    private static boolean startedHere;
    private static Thread stopOnExit;

    /**
     * The server for this JVM; when this JVM had to start the project's own cluster, it stops it on exit.
     */
    public static synchronized PostgresServer obtain() {
        PostgresServer server = obtainWithoutStopHook();
        if (startedHere && stopOnExit == null) {
            stopOnExit = new Thread(PostgresServer::stopIfStartedHere, "postgres-stop");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
        }
        return server;
    }

    /**
     * The server for this JVM, for a caller that stops it itself with {@link #stopIfStartedHere()} once everything
     * that uses it has stopped (the local stack: shutdown hooks run all at once, in no order).
     */
    public static synchronized PostgresServer obtainWithoutStopHook() {
        if (shared == null) {
            String[] line = runScript("ensure").trim().split("\\s+");
            if (line.length != 5) {
                throw new IllegalStateException("unexpected answer from postgres.sh: " + String.join(" ", line));
            }
            shared = new PostgresServer(line[1], Integer.parseInt(line[2]), line[3], line[4]);
            startedHere = "started".equals(line[0]);
        }
        return shared;
    }

    /** Stops the project's cluster if this JVM started it; otherwise leaves the server alone. */
    public static synchronized void stopIfStartedHere() {
        if (startedHere) {
            startedHere = false;
            runScript("stop");
        }
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
        Path output = null;
        Path errors = null;
        try {
            output = Files.createTempFile("postgres-sh-", ".out");
            errors = Files.createTempFile("postgres-sh-", ".err");
            // In a session of its own, so that a Ctrl-C meant for the caller does not stop the server under it.
            Process process = new ProcessBuilder(Sessions.detached(List.of("bash", script.toString(), command)))
                    .redirectError(errors.toFile())
                    .redirectOutput(output.toFile())
                    .start();
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            String out = Files.readString(output, StandardCharsets.UTF_8);
            String err = Files.readString(errors, StandardCharsets.UTF_8);
            System.err.print(err);
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException("postgres.sh " + command + " did not finish within 5 minutes: "
                        + err.strip());
            }
            if (process.exitValue() != 0) {
                // The script says why on its error stream (the server log's tail when the server did not start).
                throw new IllegalStateException("postgres.sh " + command + " failed (exit " + process.exitValue()
                        + "): " + (err.isBlank() ? out : err).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            for (Path file : new Path[] {output, errors}) {
                if (file != null) {
                    file.toFile().delete();
                }
            }
        }
    }
}
