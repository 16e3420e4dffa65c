package dev.marquee.deploy.bench;

import dev.marquee.deploy.LocalStack;
import dev.marquee.deploy.StackConfig;
import dev.marquee.infra.ProjectRoot;
import dev.marquee.infra.TestIssuer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./marquee bench <name> [--conversations N] [--warmup S] [--seconds S]}: starts a stack of its own (free
 * ports, empty {@code bench_*} databases, a built-in token issuer instead of Keycloak), runs the named load
 * against it, prints the figures that docs/benchmarks.md records, and stops the stack.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !"dialogue".equals(args[0])) {
            usage();
        }
        Map<String, Integer> options = new HashMap<>(Map.of("conversations", 50, "warmup", 30, "seconds", 60));
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name) || i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]*")) {
                usage();
            }
            options.put(name, Integer.parseInt(args[i + 1]));
        }
        Path root = ProjectRoot.find();
        TestIssuer issuer = TestIssuer.shared();
        System.out.println("Starting a stack for the benchmark (logs under "
                + ProjectRoot.home().resolve("bench/logs") + ")...");
        try (LocalStack stack = LocalStack.start(StackConfig.ephemeral(root,
                ProjectRoot.home().toAbsolutePath().resolve("bench"), issuer.issuer(), "bench"))) {
            System.out.printf("Running %d conversations: %d s warm-up, %d s measured...%n",
                    options.get("conversations"), options.get("warmup"), options.get("seconds"));
            System.out.println(DialogueBench.run(stack, issuer, options.get("conversations"),
                    Duration.ofSeconds(options.get("warmup")), Duration.ofSeconds(options.get("seconds"))));
        }
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: ./marquee bench dialogue [--conversations 50] [--warmup 30] [--seconds 60]");
        System.exit(2);
    }
}
