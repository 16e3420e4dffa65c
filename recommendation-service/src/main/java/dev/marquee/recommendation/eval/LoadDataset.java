package dev.marquee.recommendation.eval;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Fills a recommendation-service database (schema already migrated by the service) with a synthetic dataset for
 * the benchmark: {@code LoadDataset <jdbc-url> <user> <password> <titles> <users> <interactions> <seed>}. Titles,
 * interactions (their ids derived from the seed, so a rerun adds nothing) and personalization consent for every
 * user; the running service notices the new catalog and rebuilds its model from it.
 */
public final class LoadDataset {
    private LoadDataset() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length != 7) {
            System.err.println("usage: LoadDataset <jdbc-url> <user> <password> <titles> <users> <interactions> <seed>");
            System.exit(2);
        }
        long started = System.nanoTime();
        Dataset dataset = SyntheticData.generate(Long.parseLong(args[6]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        System.out.printf("generated %d titles and %d interactions in %d ms%n", dataset.catalog().size(),
                dataset.interactions().size(), (System.nanoTime() - started) / 1_000_000);
        try (Connection c = DriverManager.getConnection(args[0] + (args[0].contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true", args[1], args[2])) {
            c.setAutoCommit(false);
            titles(c, dataset);
            Set<String> users = interactions(c, dataset, args[6]);
            consent(c, users);
            c.commit();
        }
        System.out.printf("loaded in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private static void titles(Connection c, Dataset dataset) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO title (id, kind, name, synopsis, genres, tags, cast_members, release_year, runtime_minutes,
                                   age_rating, regions, available_from, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")) {
            int n = 0;
            for (CatalogItem t : dataset.catalog()) {
                ps.setString(1, t.id());
                ps.setString(2, t.kind());
                ps.setString(3, t.name());
                ps.setString(4, t.synopsis());
                ps.setArray(5, c.createArrayOf("text", t.genres().toArray()));
                ps.setArray(6, c.createArrayOf("text", t.tags().toArray()));
                ps.setArray(7, c.createArrayOf("text", t.cast().toArray()));
                ps.setInt(8, t.year());
                ps.setObject(9, t.runtimeMinutes());
                ps.setInt(10, t.ageRating());
                ps.setArray(11, c.createArrayOf("text", t.regions().toArray()));
                ps.setTimestamp(12, Timestamp.from(Instant.parse("2020-01-01T00:00:00Z")));
                ps.setTimestamp(13, now);
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static Set<String> interactions(Connection c, Dataset dataset, String seed) throws SQLException {
        Set<String> users = new LinkedHashSet<>();
        // The log ends now, so trending has something to say.
        long shift = System.currentTimeMillis() - dataset.interactions().getLast().timestampMillis();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO interaction (interaction_id, user_id, title_id, type, rating, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (interaction_id) DO NOTHING""")) {
            int n = 0;
            for (LoggedInteraction i : dataset.interactions()) {
                users.add(i.userId());
                ps.setString(1, UUID.nameUUIDFromBytes((seed + ":" + n).getBytes()).toString());
                ps.setString(2, i.userId());
                ps.setString(3, i.titleId());
                ps.setString(4, i.type());
                ps.setObject(5, i.rating());
                ps.setTimestamp(6, new Timestamp(i.timestampMillis() + shift));
                ps.addBatch();
                if (++n % 5000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return users;
    }

    private static void consent(Connection c, Set<String> users) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO consent_view (user_id, brand, personalization, model_improvement, version, updated_at)
                VALUES (?, 'marquee', true, false, 1, now()) ON CONFLICT (user_id, brand) DO NOTHING""")) {
            int n = 0;
            for (String user : users) {
                ps.setString(1, user);
                ps.addBatch();
                if (++n % 5000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
