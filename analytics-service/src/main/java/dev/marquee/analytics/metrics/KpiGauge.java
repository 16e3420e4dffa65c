package dev.marquee.analytics.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One KPI gauge name with a row per set of tags. A refresh updates the values of rows that stay in place, registers
 * new rows and removes rows that are gone, so a scrape running beside a refresh never misses a row that exists
 * before and after it (Micrometer's {@code MultiGauge} with overwrite removes and re-adds every row).
 */
final class KpiGauge {
    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private Map<Tags, Row> rows = new HashMap<>();

    KpiGauge(MeterRegistry registry, String name, String description) {
        this.registry = registry;
        this.name = name;
        this.description = description;
    }

    /** Sets the rows to exactly these values; called from one thread at a time. */
    void set(Map<Tags, Double> values) {
        Map<Tags, Row> next = new HashMap<>();
        values.forEach((tags, value) -> {
            Row row = rows.get(tags);
            if (row == null) {
                row = new Row();
                row.gauge = Gauge.builder(name, row, Row::value).description(description).tags(tags)
                        .strongReference(true).register(registry);
            }
            row.set(value);
            next.put(tags, row);
        });
        rows.forEach((tags, row) -> {
            if (!next.containsKey(tags)) {
                registry.remove(row.gauge);
            }
        });
        rows = next;
    }

    private static final class Row {
        private final AtomicLong bits = new AtomicLong();
        private Gauge gauge;

        void set(double value) {
            bits.set(Double.doubleToRawLongBits(value));
        }

        double value() {
            return Double.longBitsToDouble(bits.get());
        }
    }
}
