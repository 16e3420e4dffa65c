package dev.marquee.recommendation.eval;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The outcome of one offline evaluation: what was evaluated (dataset, cutoff, sizes) and one row of metrics per
 * recommender, averaged over the test users.
 *
 * @param dataset the dataset name
 * @param cutoffMillis the split moment: training interactions are before it, test interactions at or after it
 * @param trainInteractions interactions before the cutoff
 * @param testInteractions interactions at or after the cutoff
 * @param testUsers users the metrics are averaged over
 * @param catalogSize titles in the catalog
 * @param k the list length the metrics are cut at
 * @param rows one row per recommender, in evaluation order
 */
public record Report(String dataset, long cutoffMillis, int trainInteractions, int testInteractions, int testUsers,
        int catalogSize, int k, List<Row> rows) {

    /**
     * The metrics of one recommender. Precision, recall, NDCG and MAP are means over the test users (NaN when there
     * are none); coverage and novelty are over all its lists; the times are wall-clock milliseconds for training and
     * for all recommendation calls together.
     */
    public record Row(String recommender, double precision, double recall, double ndcg, double map, double coverage,
            double novelty, long trainMillis, long recommendMillis) {
    }

    public Report {
        rows = List.copyOf(rows);
    }

    /** The row of the named recommender. */
    public Row row(String name) {
        return rows.stream()
                .filter(row -> row.recommender().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no recommender named '" + name + "' in the report"));
    }

    /** The rows as a Markdown table, metrics with 4 decimals. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| recommender | P@%1$d | R@%1$d | NDCG@%1$d | MAP@%1$d "
                + "| coverage | novelty | train ms | recommend ms |%n", k));
        out.append(String.format("|---|---:|---:|---:|---:|---:|---:|---:|---:|%n"));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %d | %d |%n",
                    row.recommender(), row.precision(), row.recall(), row.ndcg(), row.map(), row.coverage(),
                    row.novelty(), row.trainMillis(), row.recommendMillis()));
        }
        return out.toString();
    }

    /** A one-paragraph summary of what was evaluated. */
    public String summary() {
        return String.format(Locale.ROOT,
                "dataset %s: %d titles; split at %s: %d training and %d test interactions; %d test users; k=%d",
                dataset, catalogSize, Instant.ofEpochMilli(cutoffMillis), trainInteractions, testInteractions,
                testUsers, k);
    }
}
