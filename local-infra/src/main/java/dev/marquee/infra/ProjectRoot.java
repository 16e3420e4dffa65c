package dev.marquee.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the root of the Marquee checkout (where {@code mvnw} and {@code deploy/local} live). */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("marquee.project.root", System.getenv("MARQUEE_PROJECT_ROOT"));
        if (configured != null && isRoot(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Marquee project root from " + Path.of("").toAbsolutePath()
                + "; set -Dmarquee.project.root");
    }

    /** The directory where all local data lives ({@code MARQUEE_HOME}, default {@code <root>/.marquee}). */
    public static Path home() {
        String configured = System.getenv("MARQUEE_HOME");
        return configured != null ? Path.of(configured) : find().resolve(".marquee");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy/local"));
    }
}
