package dev.marquee.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The purposes a user can consent to, one switch each. */
public enum ConsentPurpose {
    /** Use of history and profile to tailor recommendations and replies. */
    @JsonProperty("personalization") PERSONALIZATION,
    /** Counting the user's activity in per-user analytics. */
    @JsonProperty("analytics") ANALYTICS,
    /** Use of transcripts to improve models (training exports). */
    @JsonProperty("model_improvement") MODEL_IMPROVEMENT,
    /** Marketing messages. */
    @JsonProperty("marketing") MARKETING;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ConsentPurpose fromWireName(String value) {
        for (ConsentPurpose purpose : values()) {
            if (purpose.wireName().equals(value)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("unknown consent purpose '" + value + "'");
    }
}
