package dev.marquee.outbox;

import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * This service's view of the consent ledger ({@code consent_view}), kept from the compacted consent topic and
 * surviving restarts: one row per user and brand, each carrying the user's consent version. No row means no
 * consent: what needs consent in a brand is off until the user grants it there. Each service that keeps a view
 * creates the table in its own migration with the same columns (user_id, brand, personalization,
 * model_improvement, version, updated_at; key user_id and brand) and feeds it from its own consumer.
 */
@ApplicationScoped
public class ConsentView {
    private final AgroalDataSource dataSource;
    private final UserRecords records;

    public ConsentView(AgroalDataSource dataSource, UserRecords records) {
        this.dataSource = dataSource;
        this.records = records;
    }

    /** The user's consent state as this service holds it, for their data export. */
    public List<Map<String, Object>> export(String userId) {
        return records.select("SELECT brand, personalization, model_improvement, version, updated_at "
                + "FROM consent_view WHERE user_id = ? ORDER BY brand", userId);
    }

    /**
     * Replaces what this view holds of the user with the state in the event, every brand, unless a later state is
     * applied already (records may be redelivered); whether anything changed.
     */
    public boolean apply(ConsentChanged consent) {
        Map<String, Map<ConsentPurpose, Boolean>> decisions = consent.decisions();
        StringBuilder sql = new StringBuilder(
                "INSERT INTO consent_view (user_id, brand, personalization, model_improvement, version, updated_at) "
                        + "VALUES ");
        for (int i = 0; i < decisions.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
        }
        sql.append(" ON CONFLICT (user_id, brand) DO UPDATE SET personalization = EXCLUDED.personalization, "
                + "model_improvement = EXCLUDED.model_improvement, version = EXCLUDED.version, "
                + "updated_at = EXCLUDED.updated_at WHERE consent_view.version < EXCLUDED.version");
        try (Connection c = dataSource.getConnection();
             PreparedStatement newer = c.prepareStatement(
                     "SELECT 1 FROM consent_view WHERE user_id = ? AND version >= ? LIMIT 1");
             PreparedStatement upsert = c.prepareStatement(sql.toString());
             PreparedStatement stale = c.prepareStatement(
                     "DELETE FROM consent_view WHERE user_id = ? AND version < ?")) {
            newer.setString(1, consent.userId());
            newer.setLong(2, consent.version());
            try (ResultSet rs = newer.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            int p = 1;
            for (Map.Entry<String, Map<ConsentPurpose, Boolean>> brand : decisions.entrySet()) {
                upsert.setString(p++, consent.userId());
                upsert.setString(p++, brand.getKey());
                upsert.setBoolean(p++, Boolean.TRUE.equals(brand.getValue().get(ConsentPurpose.PERSONALIZATION)));
                upsert.setBoolean(p++, Boolean.TRUE.equals(brand.getValue().get(ConsentPurpose.MODEL_IMPROVEMENT)));
                upsert.setLong(p++, consent.version());
                upsert.setTimestamp(p++, Timestamp.from(consent.occurredAt()));
            }
            boolean changed = upsert.executeUpdate() > 0;
            // Brands the new state does not name (none, as long as the ledger only adds brands) are not decided.
            stale.setString(1, consent.userId());
            stale.setLong(2, consent.version());
            return stale.executeUpdate() > 0 || changed;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply consent", e);
        }
    }

    /** Removes a user's consent state in every brand; the number of rows removed. */
    public int forget(String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM consent_view WHERE user_id = ?")) {
            ps.setString(1, userId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget consent", e);
        }
    }

    /** Whether the user consented to personalization in the brand. */
    public boolean personalization(String userId, String brand) {
        return granted(userId, brand, "personalization");
    }

    /** Whether the user consented to model improvement in the brand. */
    public boolean modelImprovement(String userId, String brand) {
        return granted(userId, brand, "model_improvement");
    }

    private boolean granted(String userId, String brand, String column) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + column + " FROM consent_view WHERE user_id = ? AND brand = ?")) {
            ps.setString(1, userId);
            ps.setString(2, brand);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read consent", e);
        }
    }

    /** Every user who has given personalization consent, with the brands they gave it in. */
    public Map<String, Set<String>> personalizedUsers() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, brand FROM consent_view WHERE personalization ORDER BY user_id, brand");
             ResultSet rs = ps.executeQuery()) {
            Map<String, Set<String>> users = new HashMap<>();
            while (rs.next()) {
                users.computeIfAbsent(rs.getString(1), u -> new TreeSet<>()).add(rs.getString(2));
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read consent", e);
        }
    }
}
