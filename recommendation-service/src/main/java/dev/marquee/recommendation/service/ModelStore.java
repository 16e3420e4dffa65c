package dev.marquee.recommendation.service;

import dev.marquee.events.InteractionType;
import dev.marquee.outbox.ConsentView;
import dev.marquee.recommendation.TitleKind;
import dev.marquee.recommendation.config.RecommendationConfig;
import dev.marquee.recommendation.model.CatalogSnapshot;
import dev.marquee.recommendation.model.Model;
import dev.marquee.recommendation.model.ModelSettings;
import dev.marquee.recommendation.model.TitleFacts;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGStatement;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Holds the in-memory {@link Model} and keeps it equal to what PostgreSQL holds: built at start from the catalog,
 * the content vectors, the consent view, the stated tastes and every interaction in time order; rebuilt when the
 * catalog changes (on this or another instance); changed in place by the writers (ingestion, consent, tastes,
 * erasure), which run one at a time under this store's lock, each committing to PostgreSQL first.
 */
@ApplicationScoped
public class ModelStore {
    private static final Logger LOG = Logger.getLogger(ModelStore.class);

    private final AgroalDataSource dataSource;
    private final RecommendationConfig config;
    private final ConsentView consent;
    private final ContentVectors vectors;
    private volatile Model model;
    private volatile String catalogVersion = "";

    public ModelStore(AgroalDataSource dataSource, RecommendationConfig config, ConsentView consent,
                      ContentVectors vectors, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.consent = consent;
        this.vectors = vectors;
        Gauge.builder("marquee.recommendation.model.interactions", this, s -> s.model == null ? 0
                : s.model.interactions()).register(registry);
        Gauge.builder("marquee.recommendation.model.users", this, s -> s.model == null ? 0 : s.model.users())
                .register(registry);
        Gauge.builder("marquee.recommendation.model.titles", this, s -> s.model == null ? 0
                : s.model.catalog().size()).register(registry);
    }

    /** Builds the model once the demo catalog is imported (that observer runs first). */
    void load(@Observes @Priority(2000) StartupEvent event) {
        rebuild();
    }

    /** The current model; requests read it without locking. */
    public Model model() {
        Model current = model;
        if (current == null) {
            throw new IllegalStateException("the recommender is still loading");
        }
        return current;
    }

    public boolean ready() {
        return model != null;
    }

    /** Runs a writer: PostgreSQL first, then the model, with no other writer or rebuild in between. */
    public synchronized <T> T write(java.util.function.Function<Model, T> change) {
        return change.apply(model());
    }

    /** Keeps the trending order fresh off the request path. */
    @Scheduled(every = "${marquee.recommendation.trending.refresh:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshTrending() {
        Model current = model;
        if (current != null) {
            current.refreshTrending(System.currentTimeMillis());
        }
    }

    /** Rebuilds when another instance (or the admin API here) changed the catalog. */
    @Scheduled(every = "${marquee.recommendation.catalog.refresh-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshIfCatalogChanged() {
        if (model != null && !catalogVersion().equals(catalogVersion)) {
            rebuild();
        }
    }

    /** Reads everything from PostgreSQL into a new model and swaps it in. */
    public synchronized void rebuild() {
        long started = System.nanoTime();
        String version = catalogVersion();
        List<TitleFacts> titles = titles();
        CatalogSnapshot catalog = new CatalogSnapshot(titles);
        long now = System.currentTimeMillis();
        Model next = new Model(catalog, settings(config), now);
        consent.personalizedUsers().forEach(next::personalization);
        long interactions = forEachInteraction(row -> next.ingest(row.userId, row.titleId, row.type, row.rating,
                row.occurredAt, row.brand));
        loadPreferences(next);
        model = next;
        catalogVersion = version;
        vectors.catalogChanged();
        LOG.infof("recommender built: %d titles, %d interactions, %d users in %d ms (about %d MB of learned state)",
                catalog.size(), interactions, next.users(), (System.nanoTime() - started) / 1_000_000,
                next.bytes() / (1 << 20));
    }

    /** The model settings from configuration. */
    public static ModelSettings settings(RecommendationConfig config) {
        Map<InteractionType, Double> weights = new EnumMap<>(InteractionType.class);
        for (InteractionType type : InteractionType.values()) {
            Double weight = config.weights().get(type.wireName());
            if (weight == null) {
                throw new IllegalStateException("marquee.recommendation.weights." + type.wireName() + " is missing");
            }
            weights.put(type, weight);
        }
        return new ModelSettings(weights, config.trending().halfLife(), config.model().window(),
                config.model().neighbours(), config.model().history(), config.trending().refresh(),
                config.model().genreCandidates());
    }

    private String catalogVersion() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT revision FROM catalog_revision WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Long.toString(rs.getLong(1));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the catalog version", e);
        }
    }

    private List<TitleFacts> titles() {
        List<TitleFacts> titles = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT t.id, t.kind, t.name, t.genres, t.tags, t.release_year, t.age_rating, t.regions,
                       t.available_from, t.available_until, v.vector, v.text_hash
                FROM title t LEFT JOIN title_vector v ON v.title_id = t.id ORDER BY t.id""")) {
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp until = rs.getTimestamp(10);
                    byte[] stored = rs.getBytes(11);
                    titles.add(new TitleFacts(rs.getString(1), TitleKind.fromWireName(rs.getString(2)),
                            rs.getString(3), strings(rs.getArray(4)), strings(rs.getArray(5)), rs.getInt(6),
                            rs.getInt(7), strings(rs.getArray(8)), rs.getTimestamp(9).toInstant(),
                            until == null ? null : until.toInstant(),
                            stored == null ? null : ContentVectors.decode(stored)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the catalog", e);
        }
        return titles;
    }

    /** One stored interaction. */
    record Row(String userId, String titleId, InteractionType type, Integer rating, long occurredAt, String brand) {
    }

    private long forEachInteraction(Consumer<Row> consumer) {
        long count = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT user_id, title_id, type, rating, occurred_at, brand FROM interaction WHERE occurred_at >= ?
                    ORDER BY occurred_at, interaction_id""")) {
                // Interactions past their retention period are not learned, even before retention deleted them.
                Duration period = config.retention().interactions();
                ps.setTimestamp(1, period.isZero() ? new Timestamp(PGStatement.DATE_NEGATIVE_INFINITY)
                        : Timestamp.from(Instant.now().minus(period)));
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    InteractionType[] types = InteractionType.values();
                    while (rs.next()) {
                        int stars = rs.getInt(4);
                        Integer rating = rs.wasNull() ? null : stars;
                        consumer.accept(new Row(rs.getString(1), rs.getString(2), typeOf(types, rs.getString(3)),
                                rating, rs.getTimestamp(5).getTime(), rs.getString(6)));
                        count++;
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the interactions", e);
        }
        return count;
    }

    private static InteractionType typeOf(InteractionType[] types, String wireName) {
        for (InteractionType type : types) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        throw new IllegalStateException("unknown interaction type in the database: " + wireName);
    }

    private void loadPreferences(Model next) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT p.user_id, p.sentiment, p.genres, p.phrases FROM stated_preference p
                WHERE EXISTS (SELECT 1 FROM consent_view v WHERE v.user_id = p.user_id AND v.personalization)
                ORDER BY p.occurred_at"""); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> phrases = strings(rs.getArray(4));
                next.statePreference(rs.getString(1), "like".equals(rs.getString(2)), strings(rs.getArray(3)),
                        phrases, vectors.embedPhrases(phrases, strings(rs.getArray(3))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stated preferences", e);
        }
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
