package dev.marquee.dialogue;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a Server-Sent Events body into (event name, data) pairs. */
public final class Sse {
    private Sse() {
    }

    public static List<Map.Entry<String, String>> parse(String body) {
        List<Map.Entry<String, String>> events = new ArrayList<>();
        String name = "message";
        StringBuilder data = null;
        for (String line : (body + "\n\n").split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new AbstractMap.SimpleEntry<>(name, data.toString()));
                }
                name = "message";
                data = null;
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return events;
    }
}
