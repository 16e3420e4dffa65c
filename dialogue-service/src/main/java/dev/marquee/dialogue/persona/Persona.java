package dev.marquee.dialogue.persona;

import dev.marquee.commons.rest.Patterns;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A brand voice: who the assistant is for one brand, what it may talk about and the words it uses.
 *
 * @param id            stable id, e.g. {@code marquee-host}
 * @param version       increases with every change; files carry theirs, the admin API assigns the next
 * @param brand         brand (tenant) it speaks for
 * @param brandDefault  whether new conversations of the brand start with this persona
 * @param name          name the assistant introduces itself with
 * @param language      BCP 47 language tag of its replies
 * @param voice         short description of the voice
 * @param systemPrompt  instructions for model-backed responders (the voice, in the model's terms)
 * @param greeting      first words of a conversation
 * @param model         {@value #OFFLINE} or the name of a configured language model, e.g. {@code openai}
 * @param allowedTopics kinds of title it may present: movie, series, episode, game, live_event
 * @param ageRatingCap  highest age rating it may present (0, 7, 12, 16 or 18), whatever the user's profile allows
 * @param blockedTerms  words it must never say, e.g. competitors' names
 * @param templates     reply templates by key, with {@code {placeholder}} slots
 * @param quickReplies  default suggestions offered with replies
 */
public record Persona(String id, int version, String brand, boolean brandDefault, String name, String language,
                      String voice, String systemPrompt, String greeting, String model, List<String> allowedTopics,
                      int ageRatingCap, List<String> blockedTerms, Map<String, String> templates,
                      List<String> quickReplies) {

    /** The responder that needs no model weights. */
    public static final String OFFLINE = "offline";

    /** Templates every persona must have: the offline responder and the guardrails speak through them. */
    public static final List<String> REQUIRED_TEMPLATES = List.of("recommend", "genre", "search", "actor",
            "similar", "details", "detailsNotFound", "noResults", "help", "smallTalk", "handoff", "handoffPending",
            "outOfScope", "catalogUnavailable", "whereWasI", "nothingEarlier", "historyOff", "feedbackPositive",
            "feedbackNegative", "guardrailTooLong", "guardrailInjection", "guardrailAbuse", "guardrailOutput");

    static final Set<String> KINDS = Set.of("movie", "series", "episode", "game", "live_event");
    static final Set<Integer> AGE_RATINGS = Set.of(0, 7, 12, 16, 18);

    /** {@code id@version}, as recorded in events. */
    public String ref() {
        return id + "@" + version;
    }

    /** Whether the persona uses the offline responder. */
    @JsonIgnore
    public boolean offline() {
        return OFFLINE.equals(model);
    }

    /** Fills a template's {@code {slots}}. */
    public String say(String template, Map<String, ?> values) {
        String text = templates.get(template);
        if (text == null) {
            throw new IllegalStateException("persona " + ref() + " has no template '" + template + "'");
        }
        for (Map.Entry<String, ?> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", String.valueOf(value.getValue()));
        }
        return text.replace("{name}", name);
    }

    public String say(String template) {
        return say(template, Map.of());
    }

    /**
     * What is wrong with this persona, one sentence per problem; empty when it is valid.
     *
     * @param models the model names that may be chosen besides {@value #OFFLINE}
     */
    public List<String> problems(Set<String> models) {
        List<String> problems = new ArrayList<>();
        if (id == null || !id.matches(Patterns.PERSONA_ID)) {
            problems.add("id must be 1-63 lower-case letters, digits or dashes");
        }
        if (version < 1) {
            problems.add("version must be at least 1");
        }
        if (brand == null || !brand.matches(Patterns.BRAND)) {
            problems.add("brand must be 1-64 lower-case letters, digits or dashes");
        }
        if (blank(name) || name.length() > 60) {
            problems.add("name must be 1-60 characters");
        }
        if (language == null || !language.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            problems.add("language must be a BCP 47 tag such as en or en-GB");
        }
        if (blank(greeting) || greeting.length() > 500) {
            problems.add("greeting must be 1-500 characters");
        }
        if (blank(systemPrompt) || systemPrompt.length() > 4000) {
            problems.add("systemPrompt must be 1-4000 characters");
        }
        if (voice != null && voice.length() > 500) {
            problems.add("voice must be at most 500 characters");
        }
        if (model == null || !(OFFLINE.equals(model) || models.contains(model))) {
            problems.add("model must be '" + OFFLINE + "' or one of the configured models " + models);
        }
        if (allowedTopics == null || allowedTopics.isEmpty() || !KINDS.containsAll(allowedTopics)) {
            problems.add("allowedTopics must be a non-empty subset of " + KINDS.stream().sorted().toList());
        }
        if (!AGE_RATINGS.contains(ageRatingCap)) {
            problems.add("ageRatingCap must be one of 0, 7, 12, 16, 18");
        }
        if (blockedTerms != null && blockedTerms.stream().anyMatch(Persona::blank)) {
            problems.add("blockedTerms must not contain blank terms");
        }
        if (templates == null) {
            problems.add("templates are missing");
        } else {
            List<String> missing = REQUIRED_TEMPLATES.stream()
                    .filter(t -> blank(templates.get(t))).toList();
            if (!missing.isEmpty()) {
                problems.add("templates " + missing + " are missing");
            }
        }
        if (quickReplies == null || quickReplies.size() > 6 || quickReplies.stream().anyMatch(Persona::blank)) {
            problems.add("quickReplies must be 0-6 non-blank suggestions");
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
