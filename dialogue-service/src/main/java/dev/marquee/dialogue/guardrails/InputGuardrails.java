package dev.marquee.dialogue.guardrails;

import dev.marquee.dialogue.ai.Embeddings;
import dev.marquee.dialogue.ai.IntentClassifier;
import dev.marquee.dialogue.config.DialogueConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a user's message before anything answers it: its length, prompt-injection and jailbreak patterns
 * (also in leetspeak, spaced-out letters and base64), and abusive content, by a blocklist and by nearness to
 * abusive rather than to benign exemplars in the embedding space.
 */
@ApplicationScoped
public class InputGuardrails {
    private static final List<Pattern> INJECTION = Regexes.patterns(
            "\\b(ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(previous|prior|above|earlier|preceding|your|all|the|any|safety|system|initial|original)\\b.{0,30}\\b(instructions?|rules|prompts?|directions|guidelines|polic(y|ies)|programming|limits|restrictions|told)\\b",
            "\\bignore (the|everything) above\\b",
            "\\bforget everything\\b",
            "\\b(you are|you're|act as|become|simulate|pretend to be)\\b.{0,30}\\b(dan|jailbr(oken|eak)|unfiltered|uncensored|unrestricted|evil ?bot|no (rules|restrictions|limits|filters))\\b",
            "\\bdo anything now\\b",
            "\\b(developer|sudo|god|debug) mode\\b",
            "\\bjailbr(eak|oken)\\b",
            "\\byou (have|had) no (rules|restrictions|limits|filters|guidelines)\\b",
            "\\bif you had no (rules|restrictions|limits|filters)\\b",
            "\\b(answer|respond|reply|act|behave|talk) as an? (unfiltered|uncensored|unrestricted|jailbroken)\\b",
            "\\bwhat (were|was) you (told|given|instructed)\\b",
            "\\bbefore this conversation (started|began)\\b",
            "\\b(reveal|show|print|repeat|output|leak|display|paste|quote|dump|give me|tell me|what (is|are|were)) (me )?(your|the|all)? ?(hidden|system|initial|original|secret|internal|exact|full)? ?(system prompt|prompt|instructions|configuration|config|settings|rules you were given|api key)\\b",
            "\\bsystem prompt\\b",
            "\\bhidden prompt\\b",
            "\\b(you were|you've been) (told|given|instructed)\\b",
            "\\brepeat (the|all|everything)? ?(text|words|above)\\b",
            "</?\\s*(system|assistant|instructions?)\\s*>|\\[/?(inst|system)\\]|<\\|im_(start|end)\\|>|^\\s*(system|assistant)\\s*:|###\\s*(new )?(system|instruction)",
            "<!--",
            "\\bnew (rules|instructions|persona)\\s*:",
            "\\b(stop being|you are no longer|no longer be) (marquee|yourself|an assistant|\\w+)\\b.{0,40}\\b(you are|rules|obey)\\b",
            "\\bobeys? only me\\b",
            "\\b(disable|turn off|remove|switch off)\\b.{0,20}\\b(filters?|safety|guardrails?|content filter|moderation)\\b",
            "\\bsafety is off\\b",
            "\\b(grandma|grandmother|granny)\\b.{0,40}\\b(keys?|passwords?|serials?|napalm|instructions)\\b",
            "\\b(respond|answer|reply|talk) (only )?in base ?64\\b",
            "\\bdecode (this|the following)\\b.{0,30}\\b(do|follow|execute|obey)\\b",
            "\\boverride your\\b",
            "\\bi am your (developer|creator|admin|administrator|owner)\\b",
            "\\bwhich model\\b.{0,40}\\b(settings|prompt|instructions|config)\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{20,}={0,2}");
    private static final Pattern SPACED_LETTERS = Pattern.compile("\\b(?:\\p{L}[.\\-_]){3,}\\p{L}\\b|\\b(?:\\p{L} ){3,}\\p{L}\\b");

    /** How much nearer to abusive than to benign exemplars a message must be. */
    private static final double MARGIN = 0.02;

    private final int maxChars;
    private final double abuseThreshold;
    private final Embeddings embeddings;
    private final List<Pattern> blocklist;
    private final List<float[]> abusive;
    private final List<float[]> benign;

    public InputGuardrails(DialogueConfig config, Embeddings embeddings) {
        this.maxChars = config.guardrails().maxMessageChars();
        this.abuseThreshold = config.guardrails().abuseThreshold();
        this.embeddings = embeddings;
        this.blocklist = IntentClassifier.lines("guardrails/blocklist.txt").stream()
                .map(w -> Pattern.compile("(?<![\\p{L}])" + Pattern.quote(w.strip().toLowerCase(Locale.ROOT))
                        + "(?:s|es|ed|ing|er|ers)?(?![\\p{L}])"))
                .toList();
        this.abusive = embeddings.embedAll(IntentClassifier.lines("guardrails/abusive-exemplars.txt"));
        this.benign = embeddings.embedAll(IntentClassifier.lines("guardrails/benign-exemplars.txt"));
    }

    /** The first guardrail the message triggers, if any. */
    public Optional<Guardrail> check(String message) {
        if (message.length() > maxChars) {
            return Optional.of(Guardrail.MESSAGE_TOO_LONG);
        }
        if (injection(message)) {
            return Optional.of(Guardrail.PROMPT_INJECTION);
        }
        if (abusive(message)) {
            return Optional.of(Guardrail.ABUSIVE_CONTENT);
        }
        return Optional.empty();
    }

    /** Whether the message tries to override, leak or escape the assistant's instructions. */
    public boolean injection(String message) {
        for (String variant : variants(message)) {
            for (Pattern p : INJECTION) {
                if (p.matcher(variant).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the message is abusive: a blocklisted word, or nearer to abusive than benign exemplars. */
    public boolean abusive(String message) {
        String text = normalise(message);
        for (Pattern p : blocklist) {
            if (p.matcher(text).find()) {
                return true;
            }
        }
        float[] v = embeddings.embed(message.strip());
        double toAbusive = top3(v, abusive);
        return toAbusive >= abuseThreshold && toAbusive > top3(v, benign) + MARGIN;
    }

    private static double top3(float[] v, List<float[]> exemplars) {
        double[] s = exemplars.stream().mapToDouble(e -> Embeddings.cosine(v, e)).sorted().toArray();
        return Arrays.stream(s, Math.max(0, s.length - 3), s.length).average().orElse(0);
    }

    /** The message as written, de-obfuscated (leetspeak, spaced letters), and any base64 in it decoded. */
    private static List<String> variants(String message) {
        String text = normalise(message);
        String leet = text.replace('3', 'e').replace('0', 'o').replace('1', 'i').replace('4', 'a')
                .replace('5', 's').replace('7', 't').replace('@', 'a').replace('$', 's');
        Matcher spaced = SPACED_LETTERS.matcher(leet);
        StringBuilder joined = new StringBuilder();
        while (spaced.find()) {
            spaced.appendReplacement(joined, Matcher.quoteReplacement(spaced.group().replaceAll("[.\\-_ ]", "")));
        }
        spaced.appendTail(joined);
        StringBuilder decoded = new StringBuilder();
        Matcher b64 = BASE64.matcher(message);
        while (b64.find()) {
            try {
                String plain = new String(Base64.getDecoder().decode(b64.group()), StandardCharsets.UTF_8);
                if (plain.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                    decoded.append(normalise(plain)).append(' ');
                }
            } catch (IllegalArgumentException notBase64) {
                // an ordinary long word
            }
        }
        return List.of(text, leet, joined.toString(), decoded.toString());
    }

    private static String normalise(String message) {
        return SPACES.matcher(message.toLowerCase(Locale.ROOT).replace('’', '\'')).replaceAll(" ").strip();
    }

    /** Compiles the patterns once. */
    private static final class Regexes {
        static List<Pattern> patterns(String... regexes) {
            return Arrays.stream(regexes).map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList();
        }
    }
}
