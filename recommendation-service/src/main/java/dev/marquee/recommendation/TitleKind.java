package dev.marquee.recommendation;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** The kinds of title the catalog holds. The JSON and database value is the lower-case name. */
public enum TitleKind {
    @JsonProperty("movie") MOVIE,
    @JsonProperty("series") SERIES,
    @JsonProperty("episode") EPISODE,
    @JsonProperty("game") GAME,
    @JsonProperty("live_event") LIVE_EVENT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TitleKind fromWireName(String value) {
        for (TitleKind kind : values()) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown title kind '" + value + "'");
    }
}
