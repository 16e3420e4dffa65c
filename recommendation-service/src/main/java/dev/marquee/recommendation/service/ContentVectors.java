package dev.marquee.recommendation.service;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.marquee.recommendation.config.RecommendationConfig;
import dev.marquee.recommendation.model.Vectors;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Content embeddings of titles with the in-process all-MiniLM-L6-v2 model (ONNX weights inside its jar): what
 * the content scorer compares. Computed in the background for titles that have none or whose text changed,
 * stored in {@code title_vector} (so a restart does not recompute them) and published to the running model.
 */
@ApplicationScoped
public class ContentVectors {
    private static final Logger LOG = Logger.getLogger(ContentVectors.class);

    private final AgroalDataSource dataSource;
    private final RecommendationConfig config;
    private final Instance<ModelStore> store;
    private static final int MAX_PHRASE_VECTORS = 10_000;

    private final AtomicBoolean pending = new AtomicBoolean(true);
    private final java.util.Map<String, float[]> phraseVectors = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile EmbeddingModel model;

    public ContentVectors(AgroalDataSource dataSource, RecommendationConfig config, Instance<ModelStore> store) {
        this.dataSource = dataSource;
        this.config = config;
        this.store = store;
    }

    private EmbeddingModel model() {
        EmbeddingModel current = model;
        if (current == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2EmbeddingModel();
                }
                current = model;
            }
        }
        return current;
    }

    /**
     * The text of a title that its vector represents: name, genres, tags and synopsis as sentences, e.g.
     * {@code "Orbit of Small Things. sci-fi, space opera. tense, hopeful. Two engineers ..."}; empty parts are left
     * out. The service and the offline evaluation both embed exactly this.
     */
    public static String contentText(String name, List<String> genres, List<String> tags, String synopsis) {
        StringBuilder text = new StringBuilder();
        appendSentence(text, name);
        appendSentence(text, String.join(", ", genres));
        appendSentence(text, String.join(", ", tags));
        appendSentence(text, synopsis);
        return text.toString();
    }

    private static void appendSentence(StringBuilder text, String part) {
        String trimmed = part.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(trimmed);
        char last = trimmed.charAt(trimmed.length() - 1);
        if (last != '.' && last != '!' && last != '?') {
            text.append('.');
        }
    }

    /** Asks for a pass over the catalog (after an import or a rebuild). */
    void catalogChanged() {
        pending.set(true);
    }

    /** Embeds titles without an up-to-date vector, a batch at a time, until none is left. */
    @Scheduled(every = "2s", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void embedMissing() {
        if (!config.content().enabled() || !pending.get() || !store.get().ready()) {
            return;
        }
        pending.set(false);
        int done = 0;
        long started = System.nanoTime();
        while (true) {
            List<Pending> batch = new ArrayList<>();
            int touched = missing(config.content().batchSize(), batch);
            if (batch.isEmpty()) {
                if (touched > 0) {
                    continue; // only unchanged texts in this slice: there may be changed ones after it
                }
                break;
            }
            List<Embedding> embeddings = model().embedAll(batch.stream().map(p -> TextSegment.from(p.text)).toList())
                    .content();
            List<float[]> units = new ArrayList<>(batch.size());
            for (Embedding e : embeddings) {
                units.add(Vectors.unit(e.vector()));
            }
            save(batch, units);
            List<Pending> saved = batch;
            // Under the store's lock, so that a rebuild cannot swap in a model read before the save.
            store.get().write(current -> {
                for (int i = 0; i < saved.size(); i++) {
                    int t = current.catalog().indexOf(saved.get(i).id);
                    if (t >= 0) {
                        current.catalog().setVector(t, units.get(i));
                    }
                }
                return null;
            });
            done += batch.size();
        }
        if (done > 0) {
            LOG.infof("embedded %d titles in %d ms", done, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * A unit vector for stated phrases and genres, or null when there is nothing to embed or no model. Stated
     * tastes come from a small vocabulary, so their vectors are kept: a rebuild does not embed them again.
     */
    public float[] embedPhrases(List<String> phrases, List<String> genres) {
        if (!config.content().enabled() || phrases.isEmpty() && genres.isEmpty()) {
            return null;
        }
        List<String> words = new ArrayList<>(phrases);
        words.addAll(genres);
        String text = String.join(", ", words);
        float[] cached = phraseVectors.get(text);
        if (cached == null) {
            cached = Vectors.unit(model().embed(text).content().vector());
            if (phraseVectors.size() < MAX_PHRASE_VECTORS) {
                phraseVectors.put(text, cached);
            }
        }
        return cached;
    }

    private record Pending(String id, String text, String hash) {
    }

    /** Fills {@code result} with up to {@code limit} titles to embed; returns how many were only touched. */
    private int missing(int limit, List<Pending> result) {
        int touched = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT t.id, t.name, t.genres, t.tags, t.synopsis, v.text_hash FROM title t
                LEFT JOIN title_vector v ON v.title_id = t.id
                WHERE v.title_id IS NULL OR v.updated_at < t.updated_at ORDER BY t.id LIMIT ?""")) {
            ps.setInt(1, limit * 4);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && result.size() < limit) {
                    String text = contentText(rs.getString(2), ModelStore.strings(rs.getArray(3)),
                            ModelStore.strings(rs.getArray(4)), rs.getString(5));
                    String hash = hash(text);
                    if (hash.equals(rs.getString(6))) {
                        touch(c, rs.getString(1));
                        touched++;
                    } else {
                        result.add(new Pending(rs.getString(1), text, hash));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read titles to embed", e);
        }
        return touched;
    }

    private static void touch(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE title_vector SET updated_at = now() WHERE title_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private void save(List<Pending> batch, List<float[]> units) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO title_vector (title_id, text_hash, vector, updated_at)
                SELECT ?, ?, ?, now() WHERE EXISTS (SELECT 1 FROM title WHERE id = ?)
                ON CONFLICT (title_id) DO UPDATE SET text_hash = EXCLUDED.text_hash, vector = EXCLUDED.vector,
                    updated_at = now()""")) {
            for (int i = 0; i < batch.size(); i++) {
                ps.setString(1, batch.get(i).id);
                ps.setString(2, batch.get(i).hash);
                ps.setBytes(3, encode(units.get(i)));
                ps.setString(4, batch.get(i).id);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store title vectors", e);
        }
    }

    static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    static float[] decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.length / 4];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
        }
        return vector;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
