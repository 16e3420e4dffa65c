package dev.marquee.recommendation.service;

import dev.marquee.outbox.ErasureHorizon;
import dev.marquee.events.Interaction;
import dev.marquee.recommendation.model.Model;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The interactions the recommender learned from: stored in PostgreSQL (the record the model is rebuilt from),
 * then applied to the model, one batch at a time under the model store's lock so that a rebuild never misses or
 * doubles one.
 */
@ApplicationScoped
public class InteractionLog {
    private final AgroalDataSource dataSource;
    private final ModelStore store;
    private final Counter learned;
    private final Counter duplicates;
    private final ErasureHorizon horizon;

    public InteractionLog(AgroalDataSource dataSource, ModelStore store, MeterRegistry registry,
                          ErasureHorizon horizon) {
        this.horizon = horizon;
        this.dataSource = dataSource;
        this.store = store;
        this.learned = registry.counter("marquee.recommendation.interactions", "outcome", "learned");
        this.duplicates = registry.counter("marquee.recommendation.interactions", "outcome", "duplicate");
    }

    /** A consumed record and its decoded interaction. */
    public record Received(ConsumerRecord<String, String> record, Interaction interaction) {
    }

    /**
     * Stores the batch (skipping interactions stored before) and teaches the model the new ones, in order.
     *
     * @return the interactions refused because the catalog does not have their title
     */
    public List<Received> record(List<Received> batch, Instant receivedAt) {
        return store.write(model -> {
            Model current = model;
            List<Received> known = new ArrayList<>(batch.size());
            List<Received> refused = new ArrayList<>();
            partition(current, batch, known, refused);
            if (!refused.isEmpty() && anyInCatalog(refused)) {
                // A title added since the model was built (on any instance): take it in before judging.
                store.rebuild();
                current = store.model();
                known.clear();
                refused.clear();
                partition(current, batch, known, refused);
            }
            Set<String> stored = known.isEmpty() ? Set.of() : insert(known, receivedAt);
            int newOnes = stored.size();
            for (Received r : known) {
                Interaction i = r.interaction();
                // remove, not contains: an id twice in one poll is stored once and must be learned once.
                if (stored.remove(i.interactionId())) {
                    current.ingest(i.userId(), i.titleId(), i.type(), i.rating(),
                            occurred(i, receivedAt).toEpochMilli(), i.brand());
                }
            }
            learned.increment(newOnes);
            duplicates.increment(known.size() - newOnes);
            return refused;
        });
    }

    private static void partition(Model model, List<Received> batch, List<Received> known, List<Received> refused) {
        for (Received r : batch) {
            (model.catalog().indexOf(r.interaction().titleId()) >= 0 ? known : refused).add(r);
        }
    }

    private boolean anyInCatalog(List<Received> refused) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM title WHERE id = ANY (?))")) {
            ps.setArray(1, c.createArrayOf("text", refused.stream().map(r -> r.interaction().titleId()).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the catalog", e);
        }
    }

    /** An interaction cannot have happened after it arrived: clocks of client devices drift. */
    private static Instant occurred(Interaction i, Instant receivedAt) {
        return i.occurredAt().isAfter(receivedAt) ? receivedAt : i.occurredAt();
    }

    /** One multi-row insert; the ids that were new. */
    @Transactional
    Set<String> insert(List<Received> batch, Instant receivedAt) {
        int n = batch.size();
        String[] ids = new String[n];
        String[] users = new String[n];
        String[] titles = new String[n];
        String[] types = new String[n];
        Integer[] ratings = new Integer[n];
        String[] recommendations = new String[n];
        String[] brands = new String[n];
        Timestamp[] times = new Timestamp[n];
        Timestamp[] published = new Timestamp[n];
        for (int k = 0; k < n; k++) {
            Interaction i = batch.get(k).interaction();
            published[k] = new Timestamp(batch.get(k).record().timestamp());
            ids[k] = i.interactionId();
            users[k] = i.userId();
            titles[k] = i.titleId();
            types[k] = i.type().wireName();
            ratings[k] = i.rating();
            recommendations[k] = i.recommendationId();
            brands[k] = i.brand();
            times[k] = Timestamp.from(occurred(i, receivedAt));
        }
        Set<String> stored = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement lock = c.prepareStatement("LOCK TABLE interaction IN ROW EXCLUSIVE MODE");
             PreparedStatement ps = c.prepareStatement("""
                INSERT INTO interaction (interaction_id, user_id, title_id, type, rating, recommendation_id,
                                         occurred_at, brand)
                SELECT u.id, u.user_id, u.title_id, u.type, u.rating, u.recommendation_id, u.occurred_at, u.brand
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::timestamptz[],
                            ?::text[])
                     WITH ORDINALITY AS u(id, user_id, title_id, type, rating, recommendation_id, occurred_at, brand,
                                          n)
                WHERE EXISTS (SELECT 1 FROM title t WHERE t.id = u.title_id)
                  AND u.n <> ALL (?::bigint[])
                ORDER BY u.n
                ON CONFLICT (interaction_id) DO NOTHING
                RETURNING interaction_id""")) {
            // An erasure of one of the batch's users holds the table in SHARE mode while it deletes (delete()):
            // taking this lock first, before reading the erasure horizon, means an interaction published before
            // its user's erasure (in flight, or behind this consumer's backlog) is either stored before the
            // erasure deletes it, or found stale here and left out.
            lock.execute();
            Map<String, Instant> erased = horizon.erasedAmong(c, java.util.Arrays.asList(users));
            List<Long> stale = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (ErasureHorizon.stale(erased, users[k], published[k].toInstant())) {
                    stale.add(k + 1L);
                }
            }
            ps.setArray(1, c.createArrayOf("text", ids));
            ps.setArray(2, c.createArrayOf("text", users));
            ps.setArray(3, c.createArrayOf("text", titles));
            ps.setArray(4, c.createArrayOf("text", types));
            ps.setArray(5, c.createArrayOf("int4", ratings));
            ps.setArray(6, c.createArrayOf("text", recommendations));
            ps.setArray(7, c.createArrayOf("timestamptz", times));
            ps.setArray(8, c.createArrayOf("text", brands));
            ps.setArray(9, c.createArrayOf("bigint", stale.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store interactions", e);
        }
        return stored;
    }

    /** Deletes a user's interactions; how many. Runs in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long delete(String userId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement lock = c.prepareStatement("LOCK TABLE interaction IN SHARE MODE");
             PreparedStatement ps = c.prepareStatement("DELETE FROM interaction WHERE user_id = ?")) {
            // Until the erasure commits, no batch of interactions can be stored (see insert).
            lock.execute();
            ps.setString(1, userId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot erase interactions", e);
        }
    }
}
