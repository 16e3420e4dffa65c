package dev.marquee.recommendation.service;

import dev.marquee.events.EventType;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.events.InvalidEventException;
import dev.marquee.recommendation.Title;
import dev.marquee.recommendation.config.RecommendationConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The trending scorer: popularity with exponential time decay. Each interaction adds
 * {@code weight * 2^((t - epoch) / halfLife)} to its title; ranking by that sum equals ranking by the
 * decayed popularity at any moment, so nothing is recomputed as time passes. Dividing by
 * {@code 2^((now - epoch) / halfLife)} gives the decayed score now, in "weighted interactions".
 */
@ApplicationScoped
public class Popularity {
    private static final Logger LOG = Logger.getLogger(Popularity.class);
    private final EntityManager em;
    private final RecommendationConfig config;

    public Popularity(EntityManager em, RecommendationConfig config) {
        this.em = em;
        this.config = config;
    }

    void checkConfiguration(@Observes StartupEvent event) {
        // Scores grow by a factor of two per half-life since the epoch; a double holds about 2^1000, so with a
        // 7-day half-life the epoch has to move forward (and the scores be rebuilt) within about 19 years.
        double halfLivesSinceEpoch = (double) Duration.between(config.trending().decayEpoch(), Instant.now()).toMillis()
                / config.trending().halfLife().toMillis();
        if (halfLivesSinceEpoch > 700) {
            LOG.warnf("marquee.recommendation.trending.decay-epoch "
                    + "is %.0f half-lives ago; move it forward and rebuild title_popularity before scores overflow",
                    halfLivesSinceEpoch);
        }
        List<String> missing = Arrays.stream(InteractionType.values())
                .map(InteractionType::wireName)
                .filter(t -> !config.weights().containsKey(t))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("marquee.recommendation.weights lacks " + missing);
        }
    }

    public double weight(InteractionType type, Integer rating) {
        double weight = config.weights().get(type.wireName());
        return type == InteractionType.RATING && rating != null ? weight * (rating - 3) : weight;
    }

    /** Decay factor of a moment relative to the epoch. */
    double growth(Instant when) {
        Duration sinceEpoch = Duration.between(config.trending().decayEpoch(), when);
        return Math.pow(2, (double) sinceEpoch.toMillis() / config.trending().halfLife().toMillis());
    }

    /** Converts a stored (epoch-relative) score into the decayed score at {@code now}. */
    public double scoreAt(double stored, Instant now) {
        return stored / growth(now);
    }

    /**
     * Records an interaction once, in a transaction of its own: a redelivered interaction (same id) changes nothing.
     *
     * @return whether it was new
     * @throws InvalidEventException when the title is not in the catalog
     */
    @Transactional
    public boolean ingest(Interaction interaction, Instant receivedAt) {
        if (Title.findById(interaction.titleId()) == null) {
            throw new InvalidEventException(EventType.INTERACTION,
                    List.of("title '" + interaction.titleId() + "' is not in the catalog"));
        }
        Instant occurred = interaction.occurredAt().isAfter(receivedAt) ? receivedAt : interaction.occurredAt();
        double contribution = weight(interaction.type(), interaction.rating()) * growth(occurred);
        int inserted = em.createNativeQuery("""
                        INSERT INTO interaction (interaction_id, user_id, title_id, type, rating, recommendation_id,
                                                 contribution, occurred_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                        ON CONFLICT (interaction_id) DO NOTHING""")
                .setParameter(1, interaction.interactionId())
                .setParameter(2, interaction.userId())
                .setParameter(3, interaction.titleId())
                .setParameter(4, interaction.type().wireName())
                .setParameter(5, interaction.rating())
                .setParameter(6, interaction.recommendationId())
                .setParameter(7, contribution)
                .setParameter(8, Timestamp.from(occurred))
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        em.createNativeQuery("""
                        INSERT INTO title_popularity (title_id, score, interactions) VALUES (?1, ?2, 1)
                        ON CONFLICT (title_id) DO UPDATE
                        SET score = title_popularity.score + excluded.score,
                            interactions = title_popularity.interactions + 1,
                            updated_at = now()""")
                .setParameter(1, interaction.titleId())
                .setParameter(2, contribution)
                .executeUpdate();
        return true;
    }

    /** Recomputes the popularity of the given titles from the interactions that remain. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rebuild(Collection<String> titleIds) {
        if (titleIds.isEmpty()) {
            return;
        }
        String[] ids = titleIds.toArray(String[]::new);
        em.createNativeQuery("DELETE FROM title_popularity WHERE title_id = ANY (?1)")
                .setParameter(1, ids)
                .executeUpdate();
        em.createNativeQuery("""
                        INSERT INTO title_popularity (title_id, score, interactions)
                        SELECT title_id, sum(contribution), count(*) FROM interaction
                        WHERE title_id = ANY (?1) GROUP BY title_id""")
                .setParameter(1, ids)
                .executeUpdate();
    }
}
