package dev.marquee.infra;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code application/x-www-form-urlencoded} text: request bodies and query strings of the test servers. */
public final class FormData {
    private FormData() {
    }

    /** Every parameter with its values in order; pairs without {@code =} or a name are skipped. */
    public static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.computeIfAbsent(decode(pair.substring(0, eq)), k -> new ArrayList<>())
                        .add(decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    public static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
