package dev.marquee.analytics.metrics;

import dev.marquee.analytics.streams.AggregatesQuery;
import dev.marquee.events.ConversionWindow;
import dev.marquee.events.EngagementWindow;
import dev.marquee.events.ModelUsageWindow;
import dev.marquee.events.SatisfactionWindow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The business KPIs of the current hour as Prometheus gauges, from the aggregates this instance holds (k-anonymous
 * ones only, as analysts see them): engagement and satisfaction per brand, channel and persona, conversion rates per
 * brand, surface, strategy, variant and stage, and reply latency and cost per model and persona. Refreshed every
 * {@code marquee.analytics.kpi-refresh}; a new hour starts from nothing.
 */
@ApplicationScoped
public class KpiMetrics {
    private static final Map<String, ToDoubleFunction<ConversionWindow>> STAGES = Map.of(
            "click", ConversionWindow::clickRate, "play", ConversionWindow::playRate,
            "complete", ConversionWindow::completeRate, "purchase", ConversionWindow::purchaseRate);

    private final KafkaStreams streams;
    private final AggregatesQuery query;
    private final KpiGauge activeUsers;
    private final KpiGauge turns;
    private final KpiGauge thumbsUpRatio;
    private final KpiGauge handoffRate;
    private final KpiGauge guardrailRate;
    private final KpiGauge fallbackRate;
    private final KpiGauge conversionRate;
    private final KpiGauge latencyP99;
    private final KpiGauge cost;

    public KpiMetrics(KafkaStreams streams, AggregatesQuery query, MeterRegistry registry) {
        this.streams = streams;
        this.query = query;
        activeUsers = gauge(registry, "marquee.analytics.active.users", "Users with a turn this hour");
        turns = gauge(registry, "marquee.analytics.turns", "Turns answered this hour");
        thumbsUpRatio = gauge(registry, "marquee.analytics.thumbs.up.ratio", "Thumbs up among all thumbs this hour");
        handoffRate = gauge(registry, "marquee.analytics.handoff.rate", "Turns handed to a human, per turn");
        guardrailRate = gauge(registry, "marquee.analytics.guardrail.rate", "Turns with a guardrail, per turn");
        fallbackRate = gauge(registry, "marquee.analytics.fallback.rate", "Turns not served, per turn");
        conversionRate = gauge(registry, "marquee.analytics.conversion.rate",
                "Served lists this hour that reached a stage, per list");
        latencyP99 = gauge(registry, "marquee.analytics.reply.latency.p99.ms", "99th percentile reply latency");
        cost = gauge(registry, "marquee.analytics.estimated.cost", "Estimated model cost this hour");
    }

    private static KpiGauge gauge(MeterRegistry registry, String name, String description) {
        return new KpiGauge(registry, name, description);
    }

    @Scheduled(every = "${marquee.analytics.kpi-refresh}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return;
        }
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<EngagementWindow> engagement = of(EngagementWindow.class, "engagement", hour);
        activeUsers.set(rows(engagement, e -> dims(e.brand(), e.channel(), e.persona()),
                EngagementWindow::activeUsers));
        turns.set(rows(engagement, e -> dims(e.brand(), e.channel(), e.persona()), EngagementWindow::turns));
        List<SatisfactionWindow> satisfaction = of(SatisfactionWindow.class, "satisfaction", hour);
        thumbsUpRatio.set(rows(satisfaction, s -> dims(s.brand(), s.channel(), s.persona()),
                SatisfactionWindow::thumbsUpRatio));
        handoffRate.set(rows(satisfaction, s -> dims(s.brand(), s.channel(), s.persona()),
                SatisfactionWindow::handoffRate));
        guardrailRate.set(rows(satisfaction, s -> dims(s.brand(), s.channel(), s.persona()),
                SatisfactionWindow::guardrailRate));
        fallbackRate.set(rows(satisfaction, s -> dims(s.brand(), s.channel(), s.persona()),
                SatisfactionWindow::fallbackRate));
        Map<Tags, Double> conversions = new LinkedHashMap<>();
        for (ConversionWindow c : of(ConversionWindow.class, "conversion", hour)) {
            STAGES.forEach((stage, rate) -> conversions.put(Tags.of("brand", c.brand(),
                    "source", c.source(), "strategy", c.strategy(), "variant", c.variant(), "stage", stage),
                    rate.applyAsDouble(c)));
        }
        conversionRate.set(conversions);
        List<ModelUsageWindow> usage = of(ModelUsageWindow.class, "model-usage", hour);
        latencyP99.set(rows(usage, m -> Tags.of("model", m.model(), "persona", m.persona()),
                ModelUsageWindow::latencyP99Ms));
        cost.set(rows(usage, m -> Tags.of("model", m.model(), "persona", m.persona(), "currency",
                m.currency()), ModelUsageWindow::estimatedCost));
    }

    private <T> List<T> of(Class<T> type, String family, Instant hour) {
        return query.aggregates(family, "hour", hour, hour, true).stream().map(type::cast).toList();
    }

    private static Tags dims(String brand, String channel, String persona) {
        return Tags.of("brand", brand, "channel", channel, "persona", persona);
    }

    private static <T> Map<Tags, Double> rows(List<T> records, java.util.function.Function<T, Tags> tags,
                                              ToDoubleFunction<T> value) {
        Map<Tags, Double> rows = new LinkedHashMap<>();
        for (T record : records) {
            rows.put(tags.apply(record), value.applyAsDouble(record));
        }
        return rows;
    }
}
