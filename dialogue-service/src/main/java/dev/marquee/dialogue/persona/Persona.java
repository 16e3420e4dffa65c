package dev.marquee.dialogue.persona;

import java.util.List;
import java.util.Map;

/**
 * A brand voice: who the assistant is for one brand and the words it uses.
 *
 * @param id           stable id, e.g. {@code marquee-host}
 * @param version      increases with every change of the file
 * @param brand        brand (tenant) it speaks for
 * @param name         name the assistant introduces itself with
 * @param language     BCP 47 language tag of its replies
 * @param voice        description of the voice (system prompt material for model-backed responders)
 * @param greeting     first words of a conversation
 * @param templates    reply templates by key, with {@code {placeholder}} slots
 * @param quickReplies default suggestions offered with replies
 */
public record Persona(String id, int version, String brand, String name, String language, String voice,
                      String greeting, Map<String, String> templates, List<String> quickReplies) {

    /** {@code id@version}, as recorded in events. */
    public String ref() {
        return id + "@" + version;
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
        return text;
    }

    public String say(String template) {
        return say(template, Map.of());
    }
}
