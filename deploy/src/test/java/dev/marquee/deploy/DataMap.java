package dev.marquee.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.marquee.infra.ProjectRoot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The data map ({@code docs/data-map.yaml}) as the tests read it: which tables hold whose data. */
record DataMap(JsonNode root) {

    /**
     * A table that holds personal data.
     *
     * @param userColumn the column holding the user id (or a keyed hash of it); null when a query counts the rows
     * @param userQuery  a query with one parameter, the user id, counting the user's rows; null with a column
     * @param onErasure  {@code erase} or {@code keep}
     */
    record Table(String service, String name, String userColumn, String userQuery, String onErasure) {
        boolean erased() {
            return "erase".equals(onErasure);
        }

        /** SQL counting the user's rows. */
        String countQuery(String userId) {
            String quoted = "'" + userId.replace("'", "''") + "'";
            return userQuery != null ? userQuery.replace("?", quoted)
                    : "SELECT count(*) FROM " + name + " WHERE " + userColumn + " = " + quoted;
        }
    }

    static DataMap load() {
        try {
            return new DataMap(new ObjectMapper(new YAMLFactory())
                    .readTree(ProjectRoot.find().resolve("docs/data-map.yaml").toFile()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read docs/data-map.yaml", e);
        }
    }

    List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        root.get("services").properties().forEach(service -> {
            JsonNode listed = service.getValue().get("tables");
            if (listed != null) {
                listed.properties().forEach(t -> tables.add(new Table(service.getKey(), t.getKey(),
                        text(t.getValue(), "user-column"), text(t.getValue(), "user-query"),
                        text(t.getValue(), "on-erasure"))));
            }
        });
        return tables;
    }

    /** Every table the map names for a service: with personal data or without. */
    List<String> namedTables(String service) {
        List<String> names = new ArrayList<>();
        tables().stream().filter(t -> t.service().equals(service)).forEach(t -> names.add(t.name()));
        JsonNode none = root.get("services").get(service).get("no-personal-data");
        if (none != null) {
            none.forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    List<String> topics() {
        List<String> topics = new ArrayList<>();
        root.get("topics").fieldNames().forEachRemaining(topics::add);
        return topics;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
