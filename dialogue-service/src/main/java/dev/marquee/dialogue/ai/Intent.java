package dev.marquee.dialogue.ai;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a user wants from a turn. */
public enum Intent {
    GREETING,
    RECOMMEND,
    SEARCH_GENRE,
    TITLE_DETAILS,
    HELP,
    TALK_TO_HUMAN,
    OUT_OF_SCOPE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
