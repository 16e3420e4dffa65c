package dev.marquee.dialogue.guardrails;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Every guardrail, by the name recorded in TurnCompleted events and turn metadata, with the persona template
 * the user's polite answer comes from.
 */
public enum Guardrail {
    /** Input: the message is longer than the configured limit. */
    MESSAGE_TOO_LONG("guardrailTooLong"),
    /** Input: an attempt to override, leak or escape the assistant's instructions. */
    PROMPT_INJECTION("guardrailInjection"),
    /** Input: insults, harassment or threats. */
    ABUSIVE_CONTENT("guardrailAbuse"),
    /** Output: a title that is not in the catalog (the reply was replaced). */
    UNGROUNDED_TITLE("guardrailOutput"),
    /** Output: a title above the age rating allowed for this user and persona (removed). */
    AGE_RATING("guardrailOutput"),
    /** Output: a title not available in the user's region (removed). */
    REGION("guardrailOutput"),
    /** Output: a title of a kind the persona does not present, or a term the persona must not say. */
    PERSONA_SCOPE("guardrailOutput");

    private final String template;

    Guardrail(String template) {
        this.template = template;
    }

    /** The persona template of the polite answer. */
    public String template() {
        return template;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
