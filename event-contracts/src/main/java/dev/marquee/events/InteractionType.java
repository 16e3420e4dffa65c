package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a user did with a title. The JSON value is the lower-case name. */
public enum InteractionType {
    @JsonProperty("impression") IMPRESSION,
    @JsonProperty("click") CLICK,
    @JsonProperty("play") PLAY,
    @JsonProperty("complete") COMPLETE,
    @JsonProperty("like") LIKE,
    @JsonProperty("dislike") DISLIKE,
    @JsonProperty("rating") RATING,
    @JsonProperty("purchase") PURCHASE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
