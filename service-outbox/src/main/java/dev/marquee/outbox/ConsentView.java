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

/**
 * This service's view of the consent ledger ({@code consent_view}), kept from the compacted consent topic and
 * surviving restarts. No row means no consent: what needs consent is off until the user grants it. Each service
 * that keeps a view creates the table in its own migration with the same columns (user_id, brand,
 * personalization, model_improvement, version, updated_at) and feeds it from its own consumer.
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
    public java.util.List<java.util.Map<String, Object>> export(String userId) {
        return records.select("SELECT brand, personalization, model_improvement, version, updated_at "
                + "FROM consent_view WHERE user_id = ?", userId);
    }

    /** Applies a consent state unless a later one is applied already (records may be redelivered). */
    public boolean apply(ConsentChanged consent) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO consent_view (user_id, brand, personalization, model_improvement, version, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET brand = EXCLUDED.brand, "
                        + "personalization = EXCLUDED.personalization, "
                        + "model_improvement = EXCLUDED.model_improvement, version = EXCLUDED.version, "
                        + "updated_at = EXCLUDED.updated_at WHERE consent_view.version < EXCLUDED.version")) {
            ps.setString(1, consent.userId());
            ps.setString(2, consent.brand());
            ps.setBoolean(3, consent.granted(ConsentPurpose.PERSONALIZATION));
            ps.setBoolean(4, consent.granted(ConsentPurpose.MODEL_IMPROVEMENT));
            ps.setLong(5, consent.version());
            ps.setTimestamp(6, Timestamp.from(consent.occurredAt()));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply consent", e);
        }
    }

    /** Removes a user's consent state; the number of rows removed. */
    public int forget(String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM consent_view WHERE user_id = ?")) {
            ps.setString(1, userId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget consent", e);
        }
    }

    public boolean personalization(String userId) {
        return granted(userId, "personalization");
    }

    public boolean modelImprovement(String userId) {
        return granted(userId, "model_improvement");
    }

    private boolean granted(String userId, String column) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + column + " FROM consent_view WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read consent", e);
        }
    }

    /** Every user who has given personalization consent. */
    public java.util.List<String> personalizedUsers() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT user_id FROM consent_view WHERE personalization");
             ResultSet rs = ps.executeQuery()) {
            java.util.List<String> users = new java.util.ArrayList<>();
            while (rs.next()) {
                users.add(rs.getString(1));
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read consent", e);
        }
    }
}
