package dev.marquee.deploy.bench;

import dev.marquee.deploy.LocalStack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds each part of a benchmark used between two moments: the stack's processes, PostgreSQL (all its
 * server processes) and the load generator itself, so that a figure says where the machine's cores went.
 */
final class CpuUse {
    private final LocalStack stack;
    private final Map<String, Duration> before;

    private CpuUse(LocalStack stack) {
        this.stack = stack;
        this.before = snapshot(stack);
    }

    static CpuUse start(LocalStack stack) {
        return new CpuUse(stack);
    }

    /** "name seconds, ..." for everything that used at least 0.1 s since the start. */
    String since() {
        Map<String, Duration> after = snapshot(stack);
        StringBuilder b = new StringBuilder();
        after.forEach((name, total) -> {
            Duration used = total.minus(before.getOrDefault(name, Duration.ZERO));
            if (used.toMillis() >= 100) {
                b.append(b.isEmpty() ? "" : ", ").append(String.format("%s %.1f", name, used.toMillis() / 1000.0));
            }
        });
        return b.toString();
    }

    private static Map<String, Duration> snapshot(LocalStack stack) {
        Map<String, Duration> times = new LinkedHashMap<>(stack.cpuTimes());
        Duration postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        times.put("postgresql", postgres);
        times.put("load generator", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        return times;
    }
}
