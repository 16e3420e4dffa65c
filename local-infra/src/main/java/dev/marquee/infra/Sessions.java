package dev.marquee.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs child processes in sessions of their own. */
public final class Sessions {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private Sessions() {
    }

    /**
     * The command, prefixed with {@code setsid} where it exists: a Ctrl-C in the terminal then reaches only the
     * parent, which can stop its children in order (services before the broker and database they need).
     */
    public static List<String> detached(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> detached = new ArrayList<>(command.size() + 1);
        detached.add(SETSID.toString());
        detached.addAll(command);
        return detached;
    }
}
