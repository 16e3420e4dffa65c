package dev.marquee.recommendation.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One latent taste of the synthetic world (space adventure, cozy comedy, ...): the genres, tags, kinds and the
 * word lists its titles are written from. The vocabulary is kept cluster-specific on purpose, so that a text model
 * places titles of the same cluster close together.
 *
 * @param key a short label for tests and debugging
 * @param slots word lists by slot name (see {@link TasteClusters})
 */
record TasteCluster(String key, Map<String, List<String>> slots) {

    TasteCluster {
        slots = Map.copyOf(slots);
    }

    /** The words of a slot, empty if the cluster has none. */
    List<String> words(String slot) {
        return slots.getOrDefault(slot, List.of());
    }

    /** The genre every title of this cluster carries. */
    String coreGenre() {
        return words("genres").getFirst();
    }

    /**
     * Parses a definition: one {@code slot: value | value | ...} line per slot; the {@code key} slot names the
     * cluster.
     */
    static TasteCluster parse(String definition) {
        Map<String, List<String>> slots = new LinkedHashMap<>();
        for (String line : definition.strip().split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("not a slot line: " + line);
            }
            String slot = line.substring(0, colon).strip();
            List<String> values = List.of(line.substring(colon + 1).strip().split("\\s*\\|\\s*"));
            if (slots.put(slot, values) != null) {
                throw new IllegalArgumentException("slot '" + slot + "' is defined twice");
            }
        }
        List<String> key = slots.remove("key");
        if (key == null || slots.get("genres") == null) {
            throw new IllegalArgumentException("a cluster needs a key and genres: " + definition);
        }
        return new TasteCluster(key.getFirst(), slots);
    }
}
