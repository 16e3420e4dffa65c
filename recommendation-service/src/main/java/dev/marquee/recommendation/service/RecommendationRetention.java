package dev.marquee.recommendation.service;

import dev.marquee.outbox.Retention;
import dev.marquee.outbox.RetentionReport;
import dev.marquee.recommendation.config.RecommendationConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Retention of the data this service owns ({@code marquee.recommendation.retention.*}): interactions and served
 * lists. Every instance checks on a timer; one at a time deletes the expired rows, in batches ({@link Retention});
 * then every instance's model forgets the expired interactions, whoever deleted their rows, so that no
 * recommendation rests on them any more.
 */
@ApplicationScoped
public class RecommendationRetention {
    public static final String INTERACTIONS = "interactions";
    public static final String SERVED_LISTS = "served-lists";
    private static final Logger LOG = Logger.getLogger(RecommendationRetention.class);

    private final Retention retention;
    private final ModelStore store;
    private final RecommendationConfig.Retention config;
    private final Retention.Policy interactions;
    private final List<Retention.Policy> policies;

    public RecommendationRetention(Retention retention, ModelStore store, RecommendationConfig config) {
        this.retention = retention;
        this.store = store;
        this.config = config.retention();
        this.interactions = new Retention.Policy(INTERACTIONS, this.config.interactions(),
                "SELECT min(occurred_at) FROM interaction", List.of(Retention.expired("interaction", "occurred_at")));
        this.policies = List.of(interactions, new Retention.Policy(SERVED_LISTS, this.config.servedLists(),
                "SELECT min(created_at) FROM served_list", List.of(Retention.expired("served_list", "created_at"))));
    }

    @Scheduled(identity = "recommendation-retention", every = "${marquee.recommendation.retention.check-interval}",
            delayed = "${marquee.recommendation.retention.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void enforce() {
        Instant now = Instant.now();
        retention.enforce(policies, config.batchSize(), now);
        if (!interactions.keptForever() && store.ready()) {
            long cutoff = now.minus(interactions.period()).toEpochMilli();
            long forgotten = store.write(model -> model.forget(cutoff));
            if (forgotten > 0) {
                LOG.infof("retention %s: the model forgot %d interactions", INTERACTIONS, forgotten);
            }
        }
    }

    public RetentionReport report() {
        return retention.report(config, policies);
    }
}
