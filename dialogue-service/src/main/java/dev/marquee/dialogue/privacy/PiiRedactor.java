package dev.marquee.dialogue.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Replaces personal data in free text (a user's chat message) with typed placeholders, so the text can be stored,
 * logged or sent on without it.
 *
 * <h2>What is found</h2>
 * <table>
 *     <caption>Kinds of personal data</caption>
 *     <tr><th>Placeholder</th><th>Count key</th><th>Found by</th></tr>
 *     <tr><td>{@code [EMAIL]}</td><td>email</td><td>addresses (plus-addressing, sub-domains) and obfuscated
 *         forms such as {@code anna at example dot com} or {@code anna[at]example[dot]com}</td></tr>
 *     <tr><td>{@code [PHONE]}</td><td>phone</td><td>international numbers ({@code +} or {@code 00}), numbers with
 *         an area code in brackets, North-American {@code 555-123-4567}, trunk-prefixed national numbers
 *         ({@code 07700 900123}), local {@code 555-1234}, and any 7–15 digit number after a phone keyword</td></tr>
 *     <tr><td>{@code [CARD]}</td><td>card</td><td>13–19 digits (spaces or dashes allowed) starting with 2–6 and
 *         passing the Luhn check</td></tr>
 *     <tr><td>{@code [IBAN]}</td><td>iban</td><td>country code, check digits and BBAN of the country's length
 *         with a valid ISO 7064 mod-97 checksum, with or without spaces</td></tr>
 *     <tr><td>{@code [IP]}</td><td>ip</td><td>IPv4 and IPv6 addresses</td></tr>
 *     <tr><td>{@code [ID]}</td><td>id</td><td>US social security numbers, values after an identity keyword
 *         ("passport number", "ID", "licence no." …), and long numbers that are not cards (see below)</td></tr>
 *     <tr><td>{@code [ADDRESS]}</td><td>address</td><td>street addresses: {@code 221B Baker Street},
 *         {@code 42 Main St}, {@code Hauptstraße 5}, {@code 12 rue de Rivoli}, {@code Calle Mayor 5}</td></tr>
 *     <tr><td>{@code [NAME]}</td><td>name</td><td>people's names after a cue ("my name is", "I'm", "call me",
 *         "this is … speaking", "my son …", "regards, …", "… here") and capitalised names that contain a common
 *         first name next to another capitalised word ({@code Anna Schmidt})</td></tr>
 * </table>
 *
 * <h2>Design decisions</h2>
 * <ul>
 *     <li><b>Precision over guesswork for numbers.</b> Phone numbers are only recognised in phone-like shapes, so
 *     years, runtimes, ages, episode codes ({@code S1E2}), times, dates, scores and prices stay; a number followed by
 *     a unit ({@code minutes}, {@code episodes}, {@code %}…) or preceded by a currency sign is never a phone.</li>
 *     <li><b>Luhn-invalid long numbers become {@code [ID]}.</b> 13 or more digits, unbroken or grouped in fours
 *     like a card, are redacted as {@code [ID]} when they are not a valid card: a card number with a typo still
 *     exposes almost all of its digits, and such numbers are otherwise account, customer or tracking numbers.
 *     Only Luhn-valid numbers are reported as {@code [CARD]}. Lists of years ({@code 2019 2020 2021 2022}) and
 *     numbers grouped otherwise ({@code 100 200 300 400 500}) are left alone. Likewise an IBAN-shaped value of the
 *     right length whose checksum fails is an {@code [ID]}.</li>
 *     <li><b>Names need evidence.</b> A capitalised word is a name only after a cue, or when a run of two to four
 *     capitalised words contains a bundled first name ({@code privacy/first-names.txt}). A word capitalised only
 *     because it starts a sentence takes part in such a run only if it is itself a first name, so titles at the
 *     start of a sentence ("Tidebreaker Anna…") are not swept up. Cues are matched in their lower-case spelling
 *     ("call me", "I am", "my cousin") so that titles such as <i>Call Me Kat</i>, <i>I Am Legend</i> or
 *     <i>My Cousin Vinny</i> are not read as introductions.</li>
 *     <li><b>Protected phrases.</b> Catalog titles and cast names passed to the constructor are matched
 *     case-insensitively, word by word (punctuation ignored), and shield the name and address heuristics: text
 *     inside them is never redacted as a name or address. They do not shield machine-readable identifiers: an
 *     e-mail address, phone or card number is redacted even if it happens to contain a title's words.</li>
 *     <li><b>One placeholder per finding, no overlaps.</b> Candidates are ranked (e-mail, IBAN, card, IP, ID,
 *     phone, long number, address, name; then the longer one) and a candidate overlapping a better one is
 *     dropped. Placeholders already in the text are left as they are, which makes redaction idempotent.</li>
 *     <li>Punctuation around a finding is kept: {@code 42 Main St.} at the end of a sentence becomes
 *     {@code [ADDRESS].} and {@code Anna's} becomes {@code [NAME]'s}.</li>
 * </ul>
 *
 * <h2>Limitations</h2>
 * Rule-based and English-centred: names written in lower case without a cue, single first names without a cue,
 * names of people that are also common words (Will, Grace, May…), and addresses without a street type are missed;
 * celebrity or character names outside the protected phrases ("Harry Potter") are redacted; phone numbers in
 * unusual groupings (French pairs without a country code) are missed; post codes and cities are not redacted.
 * <p>
 * Instances are immutable and safe to share between threads.
 */
public final class PiiRedactor {

    /** Classpath resource with the bundled first names, one per line ({@code #} starts a comment line). */
    public static final String FIRST_NAMES_RESOURCE = "/privacy/first-names.txt";

    /** Kinds of personal data, in the order their counts are reported. */
    public enum Kind {
        /** E-mail addresses. */
        EMAIL,
        /** Phone numbers. */
        PHONE,
        /** Payment card numbers that pass the Luhn check. */
        CARD,
        /** International bank account numbers with a valid checksum. */
        IBAN,
        /** IPv4 and IPv6 addresses. */
        IP,
        /** Identity numbers (SSNs, passports…) and other long numbers. */
        ID,
        /** Street addresses. */
        ADDRESS,
        /** People's names. */
        NAME;

        /**
         * The key of this kind in {@link Redaction#counts()}.
         *
         * @return the name in lower case, e.g. {@code "email"}
         */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The text that replaces a finding of this kind.
         *
         * @return the name in brackets, e.g. {@code "[EMAIL]"}
         */
        public String placeholder() {
            return "[" + name() + "]";
        }
    }

    /**
     * The result of a redaction.
     *
     * @param text   the text with every finding replaced by its placeholder
     * @param counts how many findings of each kind were replaced, keyed by {@link Kind#key()}, in {@link Kind}
     *               order; kinds that were not found are absent
     */
    public record Redaction(String text, Map<String, Integer> counts) {
        /** Copies the counts into an unmodifiable map that keeps their order. */
        public Redaction {
            Objects.requireNonNull(text, "text");
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        /**
         * The number of findings of all kinds.
         *
         * @return the sum of the counts
         */
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    // Ranks: when candidates overlap, the lower rank wins.
    private static final int RANK_EMAIL = 0;
    private static final int RANK_IBAN = 1;
    private static final int RANK_CARD = 2;
    private static final int RANK_IP = 3;
    private static final int RANK_ID = 4;
    private static final int RANK_PHONE = 5;
    private static final int RANK_LONG_NUMBER = 6;
    private static final int RANK_ADDRESS = 7;
    private static final int RANK_NAME = 8;

    private static final Pattern PLACEHOLDER = Pattern.compile(
            Arrays.stream(Kind.values()).map(k -> Pattern.quote(k.placeholder())).collect(Collectors.joining("|")));

    // ---------------------------------------------------------------------------------------------- e-mail
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+\\-])[\\p{L}\\p{N}][\\p{L}\\p{N}._%+\\-]{0,63}@"
                    + "(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?\\.){1,8}\\p{L}{2,24}"
                    + "(?![\\p{L}\\p{N}\\-@]|\\.[\\p{L}\\p{N}])");
    private static final String OBF_WORD = "[\\p{L}\\p{N}][\\p{L}\\p{N}_%+\\-]{0,63}";
    private static final String OBF_AT = "(?:\\h*[\\[({]\\h*at\\h*[\\])}]\\h*|\\h+at\\h+|\\h*@\\h*)";
    private static final String OBF_DOT = "(?:\\h*[\\[({]\\h*dot\\h*[\\])}]\\h*|\\h+dot\\h+)";
    /** "anna at example dot com", "anna[at]example[dot]com": at least the last dot must be spelled out. */
    private static final Pattern OBFUSCATED_EMAIL = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}._%+\\-])" + OBF_WORD + "(?:(?:\\.|" + OBF_DOT + ")" + OBF_WORD + "){0,4}"
                    + OBF_AT + OBF_WORD + "(?:(?:\\.|" + OBF_DOT + ")" + OBF_WORD + "){0,4}" + OBF_DOT
                    + "(?:com|net|org|edu|gov|info|biz|io|co|me|tv|app|dev|uk|de|fr|es|it|nl|be|ch|at|se|no|dk"
                    + "|fi|pl|pt|ie|us|ca|au|nz|in|jp|br|mx)(?![\\p{L}\\p{N}])");

    // ---------------------------------------------------------------------------------------------- IBAN
    private static final Pattern IBAN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])[A-Z]{2}\\d{2}(?:\\h?[A-Z0-9]){11,30}(?![\\p{L}\\p{N}])");
    /** IBAN lengths by country (SWIFT IBAN registry). */
    private static final Map<String, Integer> IBAN_LENGTHS = ibanLengths(
            "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28"
                    + " EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23"
                    + " IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27"
                    + " MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24"
                    + " SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30");

    // ---------------------------------------------------------------------------------------------- cards
    /** Digit groups of at least three digits, separated by single spaces or dashes. */
    private static final Pattern DIGIT_GROUPS = Pattern.compile(
            "(?<![\\p{L}\\p{N}+.,\\-])\\d{3,40}(?:[\\h\\-]\\d{3,40}){0,7}(?![\\p{L}\\p{N}]|[.,\\-]\\d)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    // ---------------------------------------------------------------------------------------------- IP
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\p{L}\\p{N}.])" + OCTET + "(?:\\." + OCTET + "){3}(?![\\p{L}\\p{N}]|\\.\\d)");
    private static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}:.])[0-9A-Fa-f:]{3,39}(?![\\p{L}\\p{N}:])");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    /** "version 2.0.1.4" is not an IP address. */
    private static final Pattern VERSION_BEFORE = Pattern.compile(
            "(?i)(?<![\\p{L}])(?:version|ver\\.?|release|build|firmware|update|v)\\h*$");

    // ---------------------------------------------------------------------------------------------- IDs
    private static final Pattern SSN = Pattern.compile(
            "(?<![\\p{L}\\p{N}\\-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\p{L}\\p{N}]|-\\d)");
    private static final Pattern ID_KEYWORD = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}])(?:passport|ssn|social\\h+security|national\\h+insurance|national\\h+id"
                    + "|identity\\h+card|identity|id\\h+card|identification|id"
                    + "|driver'?s?\\h+licen[cs]e|licen[cs]e|tax\\h+id|customer|member(?:ship)?|account|policy"
                    + "|personalausweis|ausweis|aadhaar)"
                    + "(?:\\h+(?:number|num|no\\.?|nr\\.?|#|id|code))?(?![\\p{L}\\p{N}])"
                    + "\\h*(?:is\\h+|:\\h*|=\\h*|#\\h*|-\\h*)?");
    /** An ID value: chunks of capitals and digits, the first with a digit or all capitals ("AB 12 34 56 C"). */
    private static final Pattern ID_VALUE = Pattern.compile(
            "(?=[A-Za-z]*\\d|[A-Z]+(?![a-z]))[A-Za-z0-9]{1,20}(?:[\\h\\-](?![A-Za-z]*[a-z])[A-Za-z0-9]{1,20}){0,4}");

    // ---------------------------------------------------------------------------------------------- phones
    private static final Pattern PHONE_INTERNATIONAL = Pattern.compile(
            "(?<![\\p{L}\\p{N}+])(?<value>(?:\\+|00)[1-9]\\d{0,3}(?:[\\h.\\-]?\\(0\\))?"
                    + "(?:[\\h.\\-/]?(?:\\(\\d{1,5}\\)|\\d{1,5})){1,7})(?![\\p{L}\\p{N}]|[.\\-]\\d)");
    private static final Pattern PHONE_AREA_CODE = Pattern.compile(
            "(?<![\\p{L}\\p{N}+)])(?<value>(?:1[\\h.\\-]?)?\\(\\d{2,5}\\)[\\h.\\-]?\\d{2,4}(?:[\\h.\\-]?\\d{2,5}){1,2})"
                    + "(?![\\p{L}\\p{N}]|[.\\-]\\d)");
    private static final Pattern PHONE_NANP = Pattern.compile(
            "(?<![\\p{L}\\p{N}+.\\-/])(?<value>(?:1[\\h.\\-])?\\d{3}(?<sep>[\\h.\\-])\\d{3}\\k<sep>\\d{4})"
                    + "(?![\\p{L}\\p{N}]|[.\\-/]\\d)");
    private static final Pattern PHONE_TRUNK = Pattern.compile(
            "(?<![\\p{L}\\p{N}+.\\-/])(?<value>0\\d{2,4}(?:[\\h\\-/]?\\d{2,4}){1,3})(?![\\p{L}\\p{N}]|[.\\-/]\\d)");
    private static final Pattern PHONE_LOCAL = Pattern.compile(
            "(?<![\\p{L}\\p{N}+.\\-/:])(?<value>\\d{3}-\\d{4})(?![\\p{L}\\p{N}]|[.\\-/:]\\d)");
    private static final Pattern PHONE_KEYWORD = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}])(?:(?:phone|telephone|tel|mobile|cellphone|cell|landline|whatsapp|fax)\\.?"
                    + "(?:\\h+(?:number|no\\.?|nr\\.?|#))?|(?:call|text|ring|reach|contact)\\h+(?:me|us)\\h+(?:on|at))"
                    + "\\h*(?:is\\h+|:\\h*|=\\h*|-\\h*)?(?:on\\h+|at\\h+)?"
                    + "(?<value>\\+?\\(?\\d[\\d\\h().\\-/]{5,22}\\d)(?![\\p{L}\\p{N}])");
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}[\\-./]\\d{1,2}[\\-./]\\d{1,2}|\\d{1,2}[\\-./]\\d{1,2}[\\-./]\\d{2,4}");
    private static final Pattern UNIT_AFTER = Pattern.compile(
            "\\h*(?:[%$€£¥₹]|(?i:usd|eur|gbp|dollars?|euros?|pounds?|bucks|cents?|minutes?|mins?|hours?|hrs?"
                    + "|seconds?|secs?|years?|yrs?|days?|weeks?|months?|episodes?|eps?|seasons?|points?|pts"
                    + "|km|kg|lbs?|miles?|views?|likes?|votes?|times)(?![\\p{L}\\p{N}]))");
    private static final String CURRENCY_SIGNS = "$€£¥₹";
    private static final Pattern YEAR_PATTERN = Pattern.compile("(?:19|20)\\d\\d");

    // ---------------------------------------------------------------------------------------------- addresses
    private static final String STREET_NAME_WORD = "(?:\\p{Lu}[\\p{L}'’\\-]*|\\d{1,3}(?:st|nd|rd|th))\\.?";
    /** {@code 221B Baker Street}, {@code 42 Main St}, {@code 350 5th Avenue}. */
    private static final Pattern STREET_NUMBER_FIRST = Pattern.compile(
            "(?<![\\p{L}\\p{N}.\\-/])\\d{1,5}[A-Za-z]?(?:[\\-/]\\d{1,4}[A-Za-z]?)?,?\\h+"
                    + "(?<first>" + STREET_NAME_WORD + ")(?:\\h+" + STREET_NAME_WORD + "){0,3}\\h+"
                    + "(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square|Sq"
                    + "|Terrace|Way|Close|Crescent|Parkway|Pkwy|Highway|Hwy|Row|Mews|Gardens|Alley|Circle|Trail"
                    + "|Plaza|Grove|Walk)(?![\\p{L}\\p{N}])");
    /** {@code Hauptstraße 5}, {@code Berliner Straße 12a}, {@code Prinsengracht 263}. */
    private static final Pattern STREET_NUMBER_LAST = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:\\p{Lu}[\\p{L}\\-]*\\h+)?(?=\\p{Lu})[\\p{L}\\-]*"
                    + "(?iu:straße|strasse|str\\.|weg|gasse|platz|allee|damm|ufer|straat|laan|gracht|plein)"
                    + "\\h+\\d{1,4}[a-zA-Z]?(?![\\p{L}\\p{N}])");
    /** {@code 12 rue de Rivoli}, {@code 5 avenue des Champs-Élysées}. */
    private static final Pattern STREET_FRENCH = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\d{1,4}(?:\\h?(?:bis|ter))?,?\\h+"
                    + "(?i:rue|avenue|boulevard|allée|chemin|impasse|quai|place)\\h+"
                    + "(?:(?:de|du|des|la|le|d'|l'|d’|l’)\\h*)*"
                    + "\\p{Lu}[\\p{L}'’\\-]*(?:\\h+\\p{Lu}[\\p{L}'’\\-]*){0,2}");
    /** {@code Calle Mayor 5}, {@code Via Roma 10}, {@code Rua Augusta 100}. */
    private static final Pattern STREET_TYPE_FIRST = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:Calle|Avenida|Rua|Via|Viale|Piazza|Corso|Carrer|Plaza|Rue)\\h+"
                    + "(?:(?:de|del|della|di|da|do|dos|das|la|las|los)\\h+)*\\p{Lu}[\\p{L}'’\\-]*"
                    + "(?:\\h+\\p{Lu}[\\p{L}'’\\-]*){0,2},?\\h+\\d{1,4}[a-zA-Z]?(?![\\p{L}\\p{N}])");
    private static final Set<String> NOT_STREET_NAMES = Set.of("the", "a", "an", "of", "and", "or", "in", "on",
            "at", "to", "for", "with", "my", "your", "our", "best", "top", "episode", "season", "part");

    // ---------------------------------------------------------------------------------------------- names
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}]*(?:['’\\-][\\p{L}\\p{M}]+)*");
    private static final Pattern PROTECTION_WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    /** "Narrated by Dr. Amaka Eze", "Milo Grant (voice)": the credit around a cast member's name. */
    private static final Pattern CREDIT = Pattern.compile(
            "(?i)^\\h*(?:(?:narrated|hosted|voiced|presented|read|performed)\\h+by\\h+)?"
                    + "(?:(?:dr|prof|sir|dame|mr|mrs|ms)\\.?\\h+(?=\\S+\\h+\\S))?"
                    + "(?<name>.*?)(?:\\h*\\([^)]*\\))?\\h*$");
    private static final String RELATION = "(?:son|daughter|wife|husband|partner|friend|boyfriend|girlfriend"
            + "|mom|mum|mother|dad|father|brother|sister|kid|child|baby|grandma|grandpa|grandmother|grandfather"
            + "|granny|grandson|granddaughter|nephew|niece|cousin|aunt|uncle|fianc[ée]e?|colleague|coworker|boss"
            + "|neighbou?r|roommate|flatmate|stepson|stepdaughter|teenager|toddler"
            + "|sons|daughters|kids|children|friends|parents|grandkids|grandchildren|siblings|brothers|sisters"
            + "|cousins|nephews|nieces|twins)";
    private static final Pattern CUE_MY_NAME = Pattern.compile(
            "(?<![\\p{L}])(?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur)(?:\\h+" + RELATION + "['’]s)?\\h+name"
                    + "(?:\\h+is|['’]s)\\h+");
    private static final Pattern CUE_NAME_FIELD = Pattern.compile(
            "(?<![\\p{L}])(?:(?:[Ff]ull|[Ff]irst|[Ll]ast)\\h+[Nn]ame|[Ss]urname|[Nn]ame)\\h*:\\h*");
    private static final Pattern CUE_I_AM = Pattern.compile("(?<![\\p{L}])[Ii](?:['’]m|\\h+am)\\h+");
    private static final Pattern CUE_CALL_ME = Pattern.compile("(?<![\\p{L}])(?:[Cc]all|calls)\\h+me\\h+");
    private static final Pattern CUE_THIS_IS = Pattern.compile("(?<![\\p{L}])[Tt]his\\h+is\\h+");
    private static final Pattern CUE_RELATION = Pattern.compile(
            "(?<![\\p{L}])[Mm]y\\h+(?:(?:best|little|big|older|younger|eldest|youngest|oldest|new)\\h+)?"
                    + RELATION + "\\h*,?\\h+");
    private static final Pattern CUE_SIGN_OFF = Pattern.compile(
            "(?<![\\p{L}])(?:[Ss]igned|(?:[Bb]est|[Kk]ind|[Ww]arm(?:est)?)\\h+[Rr]egards|[Rr]egards|[Ss]incerely"
                    + "|[Cc]heers|[Bb]est\\h+[Ww]ishes|[Yy]ours\\h+(?:[Tt]ruly|[Ss]incerely))"
                    + "\\h*[,:\\-–—]?\\h*(?:\\R\\h*)?");
    private static final Pattern SPEAKING_AFTER = Pattern.compile("\\h*,?\\h*(?:speaking|here|calling)(?![\\p{L}])");
    private static final Pattern HERE_AFTER = Pattern.compile("\\h*,?\\h+here(?![\\p{L}])");
    private static final Pattern LIST_JOINER = Pattern.compile("\\h*(?:,\\h*(?:and\\h+|&\\h*)?|\\h+(?:and|&)\\h+)");
    private static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "hiya", "howdy", "greetings",
            "morning", "evening", "afternoon");
    private static final Set<String> PARTICLES = Set.of("van", "von", "de", "der", "den", "da", "di", "del",
            "della", "du", "la", "le", "dos", "das", "do", "bin", "ibn", "al", "el", "ter", "ten", "zu", "y");
    /** The most name tokens a name (first, middle and last names) is made of. */
    private static final int MAX_NAME_TOKENS = 4;

    /**
     * Words that are never part of a name even when capitalised: function words, greetings, calendar words,
     * titles, media words, nationalities and the states people describe with "I'm …" ("I'm Bored").
     */
    private static final Set<String> NOT_NAMES = Set.of("""
            a an the and or but nor of in on at to for from by with without about above below under over into onto
            upon after before since until till during through across against among between behind beyond near off
            out up down is am are was were be been being do does did done have has had having will would shall
            should can could may might must ought need let lets i i'm i've i'll i'd me my mine myself you you're
            your yours yourself he him his himself she her hers herself it its itself we we're us our ours
            ourselves they they're them their theirs this that these those there here where when why how what
            which who whom whose whatever whoever whenever don't can't won't isn't didn't not no yes yeah yep nope
            ok okay sure please thanks thank thx sorry hi hello hey hiya howdy dear bye goodbye welcome cheers oh
            ah wow well so then than too very really just also still even only ever never always often sometimes
            maybe perhaps quite pretty rather almost already again soon later now today tonight tomorrow yesterday
            all any some many much more most few less least several each every everyone everybody everything
            someone somebody something anyone anybody anything nobody nothing none other another such same own
            both either neither one two three four five six seven eight nine ten first second third last next
            new old good great best better bad worse worst big little small long short high low young real true
            free full happy merry super grand
            monday tuesday wednesday thursday friday saturday sunday january february march april june july
            august september october november december spring summer autumn fall winter christmas xmas easter
            halloween thanksgiving hanukkah diwali ramadan eid valentine valentines
            mr mrs ms miss mx dr prof sir madam lady lord saint st uncle aunt auntie grandma grandpa granny mom mum
            dad team
            season episode part chapter volume vol movie movies film films show shows series game games live final
            finals cup trailer sequel prequel edition cut version collection tv
            bored looking tired fine glad ready interested curious confused lost stuck back home trying going
            watching thinking wondering searching hoping feeling getting gonna wanna hungry sick busy alone fan huge
            totally definitely actually literally currently late early single married retired vegan vegetarian
            scared afraid nervous worried annoyed angry mad upset disappointed impressed amazed obsessed addicted
            hooked keen excited planning hosting doing making playing binging bingeing streaming browsing craving
            missing leaving staying starting finishing rewatching certain unsure convinced grateful thankful lucky
            jealous proud exhausted sleepy awake
            english american british german french spanish italian portuguese dutch swedish norwegian danish
            finnish polish russian ukrainian turkish greek irish scottish welsh indian pakistani chinese japanese
            korean vietnamese thai filipino canadian mexican brazilian argentinian australian african nigerian
            kenyan egyptian asian european latino latina hispanic arab arabic persian jewish muslim christian
            catholic hindu buddhist sikh atheist
            north south east west northern southern eastern western central street road avenue city town station
            """.strip().split("\\s+"));

    private final Set<String> firstNames;
    private final Map<String, List<List<String>>> protectedByFirstWord;

    /** A redactor with the bundled first names and no protected phrases. */
    public PiiRedactor() {
        this(Set.of());
    }

    /**
     * A redactor with the bundled first names.
     *
     * @param protectedPhrases phrases that are never redacted as a name or address, typically the catalog's
     *                         title names and cast names ("Mara Quill", "Grandma Goes Rogue")
     */
    public PiiRedactor(Set<String> protectedPhrases) {
        this(protectedPhrases, BundledFirstNames.NAMES);
    }

    /**
     * A redactor with its own list of first names.
     *
     * @param protectedPhrases phrases that are never redacted as a name or address
     * @param firstNames       first names that, next to another capitalised word, make a name (case-insensitive)
     */
    public PiiRedactor(Set<String> protectedPhrases, Collection<String> firstNames) {
        Objects.requireNonNull(protectedPhrases, "protectedPhrases");
        Objects.requireNonNull(firstNames, "firstNames");
        this.firstNames = firstNames.stream()
                .map(PiiRedactor::fold)
                .collect(Collectors.toUnmodifiableSet());
        Map<String, List<List<String>>> index = new HashMap<>();
        for (String phrase : protectedPhrases) {
            for (String variant : Stream.of(phrase, withoutCredit(phrase)).distinct().toList()) {
                List<String> words = protectionWords(variant);
                if (!words.isEmpty()) {
                    index.computeIfAbsent(words.getFirst(), w -> new ArrayList<>()).add(List.copyOf(words));
                }
            }
        }
        index.replaceAll((word, phrases) -> List.copyOf(phrases));
        this.protectedByFirstWord = Map.copyOf(index);
    }

    /**
     * Redacts personal data in a text.
     *
     * @param text the text, not null
     * @return the redacted text and the number of findings per kind
     */
    public Redaction redact(String text) {
        Objects.requireNonNull(text, "text");
        BitSet protectedChars = protectedChars(text);
        List<Token> tokens = tokens(text);

        List<Finding> candidates = new ArrayList<>();
        emails(text, candidates);
        ibans(text, candidates);
        cardsAndLongNumbers(text, candidates);
        ipAddresses(text, candidates);
        identityNumbers(text, candidates);
        phones(text, candidates);
        addresses(text, candidates);
        cuedNames(text, tokens, protectedChars, candidates);
        listedNames(text, tokens, protectedChars, candidates);

        return apply(text, resolve(text, candidates, protectedChars));
    }

    /**
     * Redacts personal data in a text.
     *
     * @param text the text, not null
     * @return the redacted text
     * @see #redact(String)
     */
    public String redactText(String text) {
        return redact(text).text();
    }

    // ============================================================================================== resolution

    /** A candidate: the characters {@code [start, end)} are personal data of a kind. */
    private record Finding(int start, int end, Kind kind, int rank) {
        int length() {
            return end - start;
        }
    }

    /** The candidates to replace: best first, skipping those that overlap a better one or a placeholder. */
    private static List<Finding> resolve(String text, List<Finding> candidates, BitSet protectedChars) {
        BitSet taken = new BitSet(text.length());
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            taken.set(placeholder.start(), placeholder.end());
        }
        List<Finding> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingInt(Finding::rank)
                .thenComparing(Comparator.comparingInt(Finding::length).reversed())
                .thenComparingInt(Finding::start));
        List<Finding> accepted = new ArrayList<>();
        for (Finding finding : ranked) {
            boolean shielded = (finding.kind() == Kind.NAME || finding.kind() == Kind.ADDRESS)
                    && overlaps(protectedChars, finding.start(), finding.end());
            if (finding.length() > 0 && !shielded && !overlaps(taken, finding.start(), finding.end())) {
                accepted.add(finding);
                taken.set(finding.start(), finding.end());
            }
        }
        accepted.sort(Comparator.comparingInt(Finding::start));
        return accepted;
    }

    private static Redaction apply(String text, List<Finding> findings) {
        if (findings.isEmpty()) {
            return new Redaction(text, Map.of());
        }
        StringBuilder out = new StringBuilder(text.length());
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        int at = 0;
        for (Finding finding : findings) {
            out.append(text, at, finding.start()).append(finding.kind().placeholder());
            counts.merge(finding.kind(), 1, Integer::sum);
            at = finding.end();
        }
        out.append(text, at, text.length());
        Map<String, Integer> byKey = new LinkedHashMap<>();
        counts.forEach((kind, count) -> byKey.put(kind.key(), count));
        return new Redaction(out.toString(), byKey);
    }

    private static boolean overlaps(BitSet bits, int start, int end) {
        int next = bits.nextSetBit(start);
        return next >= 0 && next < end;
    }

    // ============================================================================================== detectors

    private static void emails(String text, List<Finding> out) {
        addAll(EMAIL, text, Kind.EMAIL, RANK_EMAIL, out);
        addAll(OBFUSCATED_EMAIL, text, Kind.EMAIL, RANK_EMAIL, out);
    }

    /**
     * IBANs: the candidate is cut to the length the country code asks for; a valid checksum makes an IBAN, an
     * invalid one (a typo) an ID as long as the account part is mostly digits.
     */
    private static void ibans(String text, List<Finding> out) {
        Matcher m = IBAN.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            from = m.end();
            Integer length = IBAN_LENGTHS.get(text.substring(m.start(), m.start() + 2));
            if (length == null) {
                continue;
            }
            int end = endAfterAlphanumerics(text, m.start(), m.end(), length);
            if (end < 0 || (end < text.length() && Character.isLetterOrDigit(text.charAt(end)))) {
                continue;
            }
            String compact = text.substring(m.start(), end).replaceAll("\\h", "");
            if (ibanChecksumValid(compact)) {
                out.add(new Finding(m.start(), end, Kind.IBAN, RANK_IBAN));
            } else if (compact.substring(4).chars().filter(Character::isDigit).count() >= 8) {
                out.add(new Finding(m.start(), end, Kind.ID, RANK_IBAN));
            }
            from = end;
        }
    }

    /** The index after the {@code count}-th letter or digit from {@code start}, or -1 if there are fewer. */
    private static int endAfterAlphanumerics(String text, int start, int limit, int count) {
        int seen = 0;
        for (int i = start; i < limit; i++) {
            if (Character.isLetterOrDigit(text.charAt(i)) && ++seen == count) {
                return i + 1;
            }
        }
        return -1;
    }

    /** ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end. */
    static boolean ibanChecksumValid(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int value = Character.digit(rearranged.charAt(i), 36);
            if (value < 0) {
                return false;
            }
            remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    /**
     * Groups of digits: the longest run of groups that is a Luhn-valid card is a card; otherwise a long number
     * (13+ digits, unbroken or grouped like a card) is an ID. What is left on either side is searched again.
     */
    private static void cardsAndLongNumbers(String text, List<Finding> out) {
        Matcher m = DIGIT_GROUPS.matcher(text);
        while (m.find()) {
            List<int[]> groups = new ArrayList<>();
            Matcher digits = DIGITS.matcher(text).region(m.start(), m.end());
            while (digits.find()) {
                groups.add(new int[] {digits.start(), digits.end()});
            }
            if (groups.stream().allMatch(g -> isYear(text, g))) {
                continue;
            }
            numbersIn(text, groups, 0, groups.size(), out);
        }
    }

    private static void numbersIn(String text, List<int[]> groups, int from, int to, List<Finding> out) {
        if (from >= to) {
            return;
        }
        for (Kind kind : List.of(Kind.CARD, Kind.ID)) {
            for (int size = to - from; size >= 1; size--) {
                for (int i = from; i + size <= to; i++) {
                    List<int[]> window = groups.subList(i, i + size);
                    String digits = window.stream().map(g -> text.substring(g[0], g[1])).collect(Collectors.joining());
                    boolean found = kind == Kind.CARD ? isCard(digits)
                            : isLongNumber(digits, window)
                            && !amountOrMeasure(text, window.getFirst()[0], window.getLast()[1]);
                    if (found) {
                        out.add(new Finding(window.getFirst()[0], window.getLast()[1], kind,
                                kind == Kind.CARD ? RANK_CARD : RANK_LONG_NUMBER));
                        numbersIn(text, groups, from, i, out);
                        numbersIn(text, groups, i + size, to, out);
                        return;
                    }
                }
            }
        }
    }

    private static boolean isCard(String digits) {
        return digits.length() >= 13 && digits.length() <= 19 && digits.charAt(0) >= '2' && digits.charAt(0) <= '6'
                && luhnValid(digits);
    }

    /** 13 or more digits, unbroken or grouped like a card number (4-4-4-4…, 4-6-5). */
    private static boolean isLongNumber(String digits, List<int[]> window) {
        if (digits.length() < 13) {
            return false;
        }
        int[] sizes = window.stream().mapToInt(g -> g[1] - g[0]).toArray();
        boolean amexLike = Arrays.equals(sizes, new int[] {4, 6, 5}) || Arrays.equals(sizes, new int[] {4, 6, 4});
        if (sizes.length == 1 || amexLike) {
            return true;
        }
        for (int i = 0; i < sizes.length - 1; i++) {
            if (sizes[i] != 4) {
                return false;
            }
        }
        return sizes[sizes.length - 1] <= 4;
    }

    private static boolean isYear(String text, int[] group) {
        return group[1] - group[0] == 4 && (text.startsWith("19", group[0]) || text.startsWith("20", group[0]));
    }

    /** The Luhn (mod 10) check used by payment card numbers. */
    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static void ipAddresses(String text, List<Finding> out) {
        Matcher v4 = IPV4.matcher(text);
        while (v4.find()) {
            if (!VERSION_BEFORE.matcher(text).region(Math.max(0, v4.start() - 20), v4.start()).find()) {
                out.add(new Finding(v4.start(), v4.end(), Kind.IP, RANK_IP));
            }
        }
        Matcher m = IPV6_CANDIDATE.matcher(text);
        while (m.find()) {
            if (isIpv6(m.group())) {
                out.add(new Finding(m.start(), m.end(), Kind.IP, RANK_IP));
            }
        }
    }

    /** A full or {@code ::}-compressed IPv6 address with at least one digit (so "add::" is not one). */
    static boolean isIpv6(String candidate) {
        if (candidate.chars().noneMatch(Character::isDigit) || candidate.contains(":::")) {
            return false;
        }
        int compressed = candidate.indexOf("::");
        if (compressed != candidate.lastIndexOf("::")) {
            return false;
        }
        List<String> groups = new ArrayList<>();
        if (compressed < 0) {
            groups.addAll(Arrays.asList(candidate.split(":", -1)));
        } else {
            String head = candidate.substring(0, compressed);
            String tail = candidate.substring(compressed + 2);
            if (!head.isEmpty()) {
                groups.addAll(Arrays.asList(head.split(":", -1)));
            }
            if (!tail.isEmpty()) {
                groups.addAll(Arrays.asList(tail.split(":", -1)));
            }
        }
        boolean rightCount = compressed < 0 ? groups.size() == 8 : groups.size() <= 7;
        return rightCount && groups.stream().allMatch(g -> HEX_GROUP.matcher(g).matches());
    }

    /** Social security numbers, and the value after an identity keyword ("passport number X1234567"). */
    private static void identityNumbers(String text, List<Finding> out) {
        addAll(SSN, text, Kind.ID, RANK_ID, out);
        Matcher keyword = ID_KEYWORD.matcher(text);
        Matcher value = ID_VALUE.matcher(text);
        while (keyword.find()) {
            value.region(keyword.end(), text.length());
            if (!value.lookingAt()) {
                continue;
            }
            // Drop trailing chunks without digits ("X1234567 OK", "123 -"), but keep a final letter ("… 56 C").
            String[] chunks = value.group().split("(?<=[\\h\\-])|(?=[\\h\\-])");
            int end = value.end();
            for (int i = chunks.length - 1; i >= 0 && chunks[i].chars().noneMatch(Character::isDigit)
                    && !chunks[i].matches("[A-Z]"); i--) {
                end -= chunks[i].length();
            }
            String id = text.substring(value.start(), end);
            long digits = id.chars().filter(Character::isDigit).count();
            long alphanumerics = id.chars().filter(Character::isLetterOrDigit).count();
            if (digits >= 2 && alphanumerics >= 5) {
                out.add(new Finding(value.start(), end, Kind.ID, RANK_ID));
            }
        }
    }

    private static void phones(String text, List<Finding> out) {
        phones(PHONE_INTERNATIONAL, text, 8, 15, out);
        phones(PHONE_AREA_CODE, text, 7, 12, out);
        phones(PHONE_NANP, text, 10, 11, out);
        phones(PHONE_TRUNK, text, 9, 12, out);
        phones(PHONE_LOCAL, text, 7, 7, out);
        phones(PHONE_KEYWORD, text, 7, 15, out);
    }

    private static void phones(Pattern pattern, String text, int minDigits, int maxDigits, List<Finding> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int start = m.start("value");
            int end = m.end("value");
            String value = m.group("value");
            long digits = value.chars().filter(Character::isDigit).count() - (value.startsWith("00") ? 2 : 0);
            if (digits >= minDigits && digits <= maxDigits && !DATE.matcher(value).matches()
                    && !listsYears(value) && !amountOrMeasure(text, start, end)) {
                out.add(new Finding(start, end, Kind.PHONE, RANK_PHONE));
            }
        }
    }

    /** Whether two or more of the number's groups are years ("007 2012 2015"), which phone numbers hardly have. */
    private static boolean listsYears(String value) {
        return Arrays.stream(value.split("[^0-9]+"))
                .filter(group -> YEAR_PATTERN.matcher(group).matches())
                .count() >= 2;
    }

    /** Whether the number is a price or a quantity: after a currency sign or before a unit. */
    private static boolean amountOrMeasure(String text, int start, int end) {
        int before = start - 1;
        while (before >= 0 && Character.isSpaceChar(text.charAt(before))) {
            before--;
        }
        if (before >= 0 && CURRENCY_SIGNS.indexOf(text.charAt(before)) >= 0) {
            return true;
        }
        return UNIT_AFTER.matcher(text).region(end, text.length()).lookingAt();
    }

    private static void addresses(String text, List<Finding> out) {
        Matcher m = STREET_NUMBER_FIRST.matcher(text);
        while (m.find()) {
            if (!NOT_STREET_NAMES.contains(lower(m.group("first")))) {
                out.add(new Finding(m.start(), m.end(), Kind.ADDRESS, RANK_ADDRESS));
            }
        }
        addAll(STREET_NUMBER_LAST, text, Kind.ADDRESS, RANK_ADDRESS, out);
        addAll(STREET_FRENCH, text, Kind.ADDRESS, RANK_ADDRESS, out);
        addAll(STREET_TYPE_FIRST, text, Kind.ADDRESS, RANK_ADDRESS, out);
    }

    private static void addAll(Pattern pattern, String text, Kind kind, int rank, List<Finding> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(new Finding(m.start(), m.end(), kind, rank));
        }
    }

    // ============================================================================================== names

    /**
     * A word of the text.
     *
     * @param start       its first character
     * @param end         after its last character, without a possessive {@code 's}
     * @param lower       the word in lower case, with typographic apostrophes made plain
     * @param capitalised whether it starts with a capital letter and is not all capitals (acronyms, placeholders)
     */
    private record Token(int start, int end, String lower, boolean capitalised) {
    }

    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group();
            int end = m.end();
            if (isPossessive(word)) {
                word = word.substring(0, word.length() - 2);
                end -= 2;
            }
            tokens.add(new Token(m.start(), end, lower(word), capitalised(word)));
        }
        return tokens;
    }

    /** "Anna's", "Anna’s": a word with a possessive {@code 's}. */
    private static boolean isPossessive(String word) {
        int n = word.length();
        return n > 2 && (word.charAt(n - 2) == '\'' || word.charAt(n - 2) == '’')
                && Character.toLowerCase(word.charAt(n - 1)) == 's';
    }

    private static boolean capitalised(String word) {
        int dash = word.indexOf('-');
        if (dash > 0 && PARTICLES.contains(word.substring(0, dash))) {
            word = word.substring(dash + 1); // al-Hassan, el-Sayed
        }
        return !word.isEmpty() && Character.isUpperCase(word.codePointAt(0))
                && word.codePoints().anyMatch(Character::isLowerCase);
    }

    /** Names after a cue: "my name is …", "I'm …", "call me …", "my son …", "regards, …", "… here". */
    private void cuedNames(String text, List<Token> tokens, BitSet protectedChars, List<Finding> out) {
        Map<Integer, Integer> tokenAt = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            tokenAt.put(tokens.get(i).start(), i);
        }
        for (Pattern cue : List.of(CUE_MY_NAME, CUE_NAME_FIELD, CUE_I_AM, CUE_CALL_ME)) {
            Matcher m = cue.matcher(text);
            while (m.find()) {
                nameAt(text, tokens, tokenAt.getOrDefault(m.end(), -1), protectedChars)
                        .ifPresent(name -> out.add(name.finding(tokens)));
            }
        }
        Matcher thisIs = CUE_THIS_IS.matcher(text);
        while (thisIs.find()) {
            nameAt(text, tokens, tokenAt.getOrDefault(thisIs.end(), -1), protectedChars)
                    .filter(name -> followedBy(text, name.end(tokens), SPEAKING_AFTER))
                    .ifPresent(name -> out.add(name.finding(tokens)));
        }
        Matcher signOff = CUE_SIGN_OFF.matcher(text);
        while (signOff.find()) {
            nameAt(text, tokens, tokenAt.getOrDefault(signOff.end(), -1), protectedChars)
                    .filter(name -> atEndOfSentence(text, name.end(tokens)))
                    .ifPresent(name -> out.add(name.finding(tokens)));
        }
        Matcher relation = CUE_RELATION.matcher(text);
        while (relation.find()) {
            // "my kids Leo, Mia and Noah": a list of names after the cue.
            int index = tokenAt.getOrDefault(relation.end(), -1);
            Optional<NameSpan> name;
            for (int listed = 0; listed < MAX_NAME_TOKENS
                    && (name = nameAt(text, tokens, index, protectedChars)).isPresent(); listed++) {
                out.add(name.get().finding(tokens));
                Matcher joiner = LIST_JOINER.matcher(text).region(name.get().end(tokens), text.length());
                index = joiner.lookingAt() ? tokenAt.getOrDefault(joiner.end(), -1) : -1;
            }
        }
        // "Anna here", "Hi, Priya Natarajan here": at the start of a sentence, a known first name or two words.
        for (int i = 0; i < tokens.size(); i++) {
            if (opensSentence(text, tokens, i)) {
                nameAt(text, tokens, i, protectedChars)
                        .filter(name -> followedBy(text, name.end(tokens), HERE_AFTER))
                        .filter(name -> name.last() > name.first() || isFirstName(tokens.get(name.first())))
                        .ifPresent(name -> out.add(name.finding(tokens)));
            }
        }
    }

    /** Whether token {@code i} starts a sentence, or follows a greeting that does ("Hi, Anna here"). */
    private static boolean opensSentence(String text, List<Token> tokens, int i) {
        if (atSentenceStart(text, tokens.get(i).start())) {
            return true;
        }
        if (i == 0) {
            return false;
        }
        Token previous = tokens.get(i - 1);
        return GREETINGS.contains(previous.lower()) && atSentenceStart(text, previous.start())
                && text.substring(previous.end(), tokens.get(i).start()).matches("[\\h,!]+");
    }

    /** A name after a cue: the tokens {@code first} to {@code last}. */
    private record NameSpan(int first, int last) {
        int end(List<Token> tokens) {
            return tokens.get(last).end();
        }

        Finding finding(List<Token> tokens) {
            return new Finding(tokens.get(first).start(), end(tokens), Kind.NAME, RANK_NAME);
        }
    }

    /**
     * The name that starts at token {@code index} after a cue: one to four words, the first a known first name (in
     * any case, "my name is anna") or a capitalised word that is not a common word, the others capitalised words.
     */
    private Optional<NameSpan> nameAt(String text, List<Token> tokens, int index, BitSet protectedChars) {
        if (index < 0 || index >= tokens.size()) {
            return Optional.empty();
        }
        Token first = tokens.get(index);
        boolean accepted = !NOT_NAMES.contains(first.lower())
                && !overlaps(protectedChars, first.start(), first.end())
                && (first.capitalised() || isFirstName(first));
        if (!accepted) {
            return Optional.empty();
        }
        int last = index;
        int next;
        for (int words = 1; words < MAX_NAME_TOKENS
                && (next = nextNameWord(text, tokens, last, protectedChars)) >= 0; words++) {
            last = next;
        }
        return Optional.of(new NameSpan(index, last));
    }

    /**
     * Names without a cue: a run of two to four adjacent capitalised words (lower-case particles such as "van" or
     * "de" may join them) of which at least one is a known first name. A word capitalised only because it starts a
     * sentence joins the run only if it is a first name itself.
     */
    private void listedNames(String text, List<Token> tokens, BitSet protectedChars, List<Finding> out) {
        int i = 0;
        while (i < tokens.size()) {
            if (!canJoinRun(text, tokens.get(i), protectedChars)) {
                i++;
                continue;
            }
            int last = i;
            int words = 1;
            boolean firstName = isFirstName(tokens.get(i));
            int next;
            while ((next = nextNameWord(text, tokens, last, protectedChars)) >= 0) {
                last = next;
                words++;
                firstName |= isFirstName(tokens.get(next));
            }
            if (firstName && words >= 2 && words <= MAX_NAME_TOKENS) {
                out.add(new Finding(tokens.get(i).start(), tokens.get(last).end(), Kind.NAME, RANK_NAME));
            }
            i = last + 1;
        }
    }

    private boolean canJoinRun(String text, Token token, BitSet protectedChars) {
        return isNameWord(token, protectedChars)
                && (isFirstName(token) || !atSentenceStart(text, token.start()));
    }

    /** A capitalised word that may be part of a name. */
    private static boolean isNameWord(Token token, BitSet protectedChars) {
        return token.capitalised() && !NOT_NAMES.contains(token.lower())
                && !overlaps(protectedChars, token.start(), token.end());
    }

    /**
     * The index of the name word that continues a name ending at token {@code last}: the next token, after at most
     * two particles, separated from it by spaces only; -1 if there is none.
     */
    private static int nextNameWord(String text, List<Token> tokens, int last, BitSet protectedChars) {
        int next = last + 1;
        int particles = 0;
        while (next < tokens.size() && particles < 2 && PARTICLES.contains(tokens.get(next).lower())
                && !tokens.get(next).capitalised() && spacesBetween(text, tokens.get(next - 1), tokens.get(next))) {
            next++;
            particles++;
        }
        if (next < tokens.size() && spacesBetween(text, tokens.get(next - 1), tokens.get(next))
                && isNameWord(tokens.get(next), protectedChars)) {
            return next;
        }
        return -1;
    }

    /** Whether the word, or a part of a hyphenated word (Jean-Luc), is a first name, ignoring accents. */
    private boolean isFirstName(Token token) {
        String folded = fold(token.lower());
        if (firstNames.contains(folded)) {
            return true;
        }
        return folded.indexOf('-') > 0 && Arrays.stream(folded.split("-")).anyMatch(firstNames::contains);
    }

    private static boolean spacesBetween(String text, Token left, Token right) {
        if (right.start() <= left.end()) {
            return false;
        }
        for (int i = left.end(); i < right.start(); i++) {
            if (!isHorizontalSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHorizontalSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u202F' || (c >= '\u2000' && c <= '\u200A');
    }

    /** Whether only opening quotes, brackets or bullets stand between the position and a sentence's start. */
    private static boolean atSentenceStart(String text, int position) {
        for (int i = position - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return true;
            }
            if (Character.isWhitespace(c) || isHorizontalSpace(c) || "\"'“‘«([{*•-–—>".indexOf(c) >= 0) {
                continue;
            }
            return ".!?…:;".indexOf(c) >= 0;
        }
        return true;
    }

    /** Whether only spaces stand between the position and the end of the text, a line or a sentence. */
    private static boolean atEndOfSentence(String text, int position) {
        int i = position;
        while (i < text.length() && isHorizontalSpace(text.charAt(i))) {
            i++;
        }
        return i == text.length() || ".!?\r\n".indexOf(text.charAt(i)) >= 0;
    }

    private static boolean followedBy(String text, int position, Pattern pattern) {
        return pattern.matcher(text).region(position, text.length()).lookingAt();
    }

    // ============================================================================================== protection

    /** The characters covered by an occurrence of a protected phrase. */
    private BitSet protectedChars(String text) {
        BitSet covered = new BitSet(text.length());
        if (protectedByFirstWord.isEmpty()) {
            return covered;
        }
        List<int[]> spans = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Matcher m = PROTECTION_WORD.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            words.add(lower(m.group()));
        }
        for (int i = 0; i < words.size(); i++) {
            for (List<String> phrase : protectedByFirstWord.getOrDefault(words.get(i), List.of())) {
                if (i + phrase.size() <= words.size() && words.subList(i, i + phrase.size()).equals(phrase)) {
                    covered.set(spans.get(i)[0], spans.get(i + phrase.size() - 1)[1]);
                }
            }
        }
        return covered;
    }

    /** The name in a cast credit: Amaka Eze in "Narrated by Dr. Amaka Eze", Milo Grant in "Milo Grant (voice)". */
    private static String withoutCredit(String phrase) {
        Matcher credit = CREDIT.matcher(phrase);
        return credit.matches() ? credit.group("name") : phrase;
    }

    private static List<String> protectionWords(String phrase) {
        List<String> words = new ArrayList<>();
        Matcher m = PROTECTION_WORD.matcher(phrase);
        while (m.find()) {
            words.add(lower(m.group()));
        }
        return words;
    }

    // ============================================================================================== helpers

    private static String lower(String word) {
        return word.toLowerCase(Locale.ROOT).replace('’', '\'');
    }

    /** Lower case without accents (Zoë, Zoe; Jürgen, Jurgen), for comparing first names. */
    private static String fold(String word) {
        return COMBINING_MARKS.matcher(Normalizer.normalize(lower(word), Normalizer.Form.NFD)).replaceAll("");
    }

    private static Map<String, Integer> ibanLengths(String table) {
        return Arrays.stream(table.split(" "))
                .collect(Collectors.toUnmodifiableMap(e -> e.substring(0, 2), e -> Integer.parseInt(e.substring(2))));
    }

    /** The bundled first names, read once. */
    private static final class BundledFirstNames {
        static final Set<String> NAMES = load();

        private static Set<String> load() {
            try (InputStream in = PiiRedactor.class.getResourceAsStream(FIRST_NAMES_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Missing classpath resource " + FIRST_NAMES_RESOURCE);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                return reader.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .collect(Collectors.toUnmodifiableSet());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + FIRST_NAMES_RESOURCE, e);
            }
        }
    }
}
