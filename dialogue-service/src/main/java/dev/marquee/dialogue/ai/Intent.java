package dev.marquee.dialogue.ai;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/** What a user wants from a turn. */
public enum Intent {
    GREETING,
    RECOMMEND,
    /** Titles of a genre, a mood or with an actor. */
    SEARCH,
    TITLE_DETAILS,
    /** Pick up where an earlier conversation stopped. */
    WHERE_WAS_I,
    /** A comment on the assistant's answers. */
    FEEDBACK,
    HELP,
    SMALL_TALK,
    TALK_TO_HUMAN,
    OUT_OF_SCOPE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Intent fromWireName(String name) {
        return Arrays.stream(values()).filter(i -> i.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown intent " + name));
    }
}
