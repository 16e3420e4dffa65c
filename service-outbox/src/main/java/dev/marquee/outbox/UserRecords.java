package dev.marquee.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.marquee.events.EventCodec;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a user's rows as JSON-ready maps for their data export: column names as keys, timestamps as instants,
 * arrays as lists, {@code jsonb} as JSON trees.
 */
@ApplicationScoped
public class UserRecords {
    private final AgroalDataSource dataSource;

    public UserRecords(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The rows a query with one parameter, the user id, selects. */
    public List<Map<String, Object>> select(String sql, String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), value(rs.getObject(i), meta.getColumnTypeName(i)));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the user's records", e);
        }
    }

    private static Object value(Object value, String typeName) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Array array) {
            return Arrays.asList((Object[]) array.getArray());
        }
        if ("jsonb".equals(typeName) || "json".equals(typeName)) {
            try {
                return EventCodec.instance().mapper().readTree(value.toString());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable JSON column", e);
            }
        }
        if (value instanceof java.util.UUID uuid) {
            return uuid.toString();
        }
        return value;
    }
}
