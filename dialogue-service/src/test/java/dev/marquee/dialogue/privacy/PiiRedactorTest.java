package dev.marquee.dialogue.privacy;

import dev.marquee.dialogue.privacy.PiiRedactor.Redaction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class PiiRedactorTest {
    /** Title and cast names as the catalog would pass them (from the demo catalog). */
    private static final Set<String> CATALOG = Set.of("Mara Quill", "Grandma Goes Rogue", "Paws & Puzzles",
            "Tidebreaker", "Orbit of Small Things", "Ines Calder", "Sam Halloway", "Priya Nair", "Lena Vos",
            "Echoes of Marrow Street", "June Adeyemi", "Starward Academy S1E2: Gravity Drills",
            "Marquee Live: Galaxy Cup Final");

    private final PiiRedactor redactor = new PiiRedactor(CATALOG);

    private String redacted(String text) {
        return redactor.redactText(text);
    }

    @Nested
    class Emails {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                Email me at anna.schmidt@example.com please.          | Email me at [EMAIL] please.
                anna.schmidt+movies@example.com                       | [EMAIL]
                Reach me: j.doe@mail.sub.example.co.uk, thanks        | Reach me: [EMAIL], thanks
                ANNA_99@Example-Mail.ORG wrote                        | [EMAIL] wrote
                It's anna@example.com.                                | It's [EMAIL].
                two: a@b.io and c.d@e.fr                              | two: [EMAIL] and [EMAIL]
                anna dot schmidt at gmail dot com                     | [EMAIL]
                write to anna at example dot org                      | write to [EMAIL]
                anna[at]example[dot]com                               | [EMAIL]
                anna (at) example (dot) de please                     | [EMAIL] please
                anna@example dot com                                  | [EMAIL]
                """)
        void areRedacted(String text, String expected) {
            assertThat(redacted(text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "I was at home watching Tidebreaker",
                "meet me at the cinema at 8",
                "anna@localhost is not an address",
                "follow @marquee for news",
                "the dot com bubble",
        })
        void lookalikesAreKept(String text) {
            assertThat(redacted(text)).isEqualTo(text);
        }
    }

    @Nested
    class Phones {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                Call me on +44 20 7946 0958 tonight.          | Call me on [PHONE] tonight.
                +1 (555) 123-4567                             | [PHONE]
                +1-555-123-4567                               | [PHONE]
                My German number is 0049 30 1234567.          | My German number is [PHONE].
                mobile +4915112345678                         | mobile [PHONE]
                +44 (0)20 7946 0958                           | [PHONE]
                +33 1 23 45 67 89                             | [PHONE]
                555-123-4567                                  | [PHONE]
                (555) 123 4567 is my number                   | [PHONE] is my number
                (555) 123-4567                                | [PHONE]
                555.123.4567                                  | [PHONE]
                555 123 4567                                  | [PHONE]
                1-555-123-4567                                | [PHONE]
                07700 900123                                  | [PHONE]
                07700900123                                   | [PHONE]
                London 020 7946 0958                          | London [PHONE]
                030/1234567                                   | [PHONE]
                0800 123 4567 is free                         | [PHONE] is free
                ring 555-1234 after six                       | ring [PHONE] after six
                my phone number is 555 1234                   | my phone number is [PHONE]
                tel. 12345678                                 | tel. [PHONE]
                call me at 5551234567                         | call me at [PHONE]
                Whatsapp: 98765 43210                         | Whatsapp: [PHONE]
                """)
        void areRedacted(String text, String expected) {
            assertThat(redacted(text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "It came out in 2023.",
                "Movies from 2019 2020 2021 2022 please",
                "It runs 126 minutes",
                "Orbit of Small Things is 126 min long and came out in 2023",
                "I'm 35 years old and my kids are 5, 7 and 9",
                "Is S1E2 any good? And S01E02?",
                "Starts at 20:30, ends 22:45:10",
                "Released 2024-05-01, or 01.05.2024, or 05/01/2024",
                "The score was 3-1, then 10-12",
                "It costs $12.99, €1234567 or £ 1 234 567",
                "1234567 views and 5551234 likes",
                "555-123-4567 minutes of footage",
                "The 1990-2000 era, rated 4.5/5 in 1080p with Dolby 7.1",
                "Room 101 at 5 pm, call 911 or 112",
                "Order #123456789 and code 123-456-789",
                "ISBN 978-3-16-148410-0",
                "Bond films 007 2012 2015",
                "+1 for Tidebreaker!",
                "Top 10 of 2023: 1. Tidebreaker 2. Quiet Harvest",
        })
        void numbersThatAreNotPhonesAreKept(String text) {
            assertThat(redacted(text)).isEqualTo(text);
        }
    }

    @Nested
    class Cards {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                My card is 4111 1111 1111 1111, expires 12/27.  | My card is [CARD], expires 12/27.
                4111111111111111                                | [CARD]
                5500-0000-0000-0004                             | [CARD]
                Amex 378282246310005 please                     | Amex [CARD] please
                3782 822463 10005                               | [CARD]
                6011 1111 1111 1117                             | [CARD]
                4012888888881881                                | [CARD]
                cards 4111 1111 1111 1111 and 5500 0000 0000 0004 | cards [CARD] and [CARD]
                """)
        void luhnValidNumbersAreCards(String text, String expected) {
            assertThat(redacted(text)).isEqualTo(expected);
        }

        /** A wrong digit still exposes the rest of a card: long numbers that fail Luhn are redacted as IDs. */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                4111 1111 1111 1112                             | [ID]
                5500-0000-0000-0005                             | [ID]
                1234567890123456                                | [ID]
                378282246310006                                 | [ID]
                tracking 12345678901234567890123 arrived        | tracking [ID] arrived
                """)
        void luhnInvalidLongNumbersAreIds(String text, String expected) {
            Redaction redaction = redactor.redact(text);

            assertThat(redaction.text()).isEqualTo(expected);
            assertThat(redaction.counts()).containsExactly(entry("id", 1));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "123456789012",
                "scores 100 200 300 400 500",
                "1000000000000 views",
                "room 4111 and 1111",
        })
        void shortOrUngroupedNumbersAreKept(String text) {
            assertThat(redacted(text)).isEqualTo(text);
        }
    }

    @Nested
    class Ibans {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                IBAN DE89 3704 0044 0532 0130 00, thanks  | IBAN [IBAN], thanks
                DE89370400440532013000                    | [IBAN]
                GB82 WEST 1234 5698 7654 32               | [IBAN]
                GB82WEST12345698765432 OK                 | [IBAN] OK
                FR14 2004 1010 0505 0001 3M02 606         | [IBAN]
                NL91ABNA0417164300                        | [IBAN]
                """)
        void validIbansAreRedacted(String text, String expected) {
            Redaction redaction = redactor.redact(text);

            assertThat(redaction.text()).isEqualTo(expected);
            assertThat(redaction.counts()).containsExactly(entry("iban", 1));
        }

        @Test
        void anIbanWithAWrongCheckDigitIsAnId() {
            assertThat(redacted("IBAN DE89 3704 0044 0532 0130 01")).isEqualTo("IBAN [ID]");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"XX12 ABCD EFGH 1234 5 is not a country", "DE89 3704 0044 is too short", "ABCD 1234"})
        void ibanLookalikesAreKept(String text) {
            assertThat(redacted(text)).isEqualTo(text);
        }
    }

    @Nested
    class IpAddresses {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                my IP is 192.168.1.10.                    | my IP is [IP].
                10.0.0.1 and 255.255.255.255              | [IP] and [IP]
                fe80::1                                   | [IP]
                2001:db8:85a3::8a2e:370:7334              | [IP]
                2001:0db8:85a3:0000:0000:8a2e:0370:7334   | [IP]
                """)
        void areRedacted(String text, String expected) {
            assertThat(redacted(text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "256.1.1.1 is out of range",
                "1.2.3.4.5 has too many parts",
                "Version 2.0.1.4 is out",
                "at 20:30:45",
                "MAC 00:1A:2B:3C:4D:5E",
                "Map::of and add::",
        })
        void lookalikesAreKept(String text) {
            assertThat(redacted(text)).isEqualTo(text);
        }
    }

    @Nested
    class Ids {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                My SSN is 123-45-6789.                    | My SSN is [ID].
                123-45-6789                               | [ID]
                passport number X1234567                  | passport number [ID]
                my passport no. is C01X00T47 and valid    | my passport no. is [ID] and valid
                Passport: 123456789                       | Passport: [ID]
                ID: AB123456C                             | ID: [ID]
                national insurance number AB 12 34 56 C   | national insurance number [ID]
                driver's license D1234-5678-9012          | driver's license [ID]
                my account number is 12345678             | my account number is [ID]
                """)
        void areRedacted(String text, String expected) {
            assertThat(redacted(text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "my passport is in my bag",
                "my account is 3 years old",
                "customer since 2019",
                "000-12-3456 and 666-12-3456 are not issued",
                "the id is 42",
        })
        void lookalikesAreKept(String text) {
            assertThat(redacted(text)).isEqualTo(text);
        }
    }

    @Nested
    class Addresses {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                I live at 221B Baker Street, London.      | I live at [ADDRESS], London.
                Send it to 42 Main St. Thanks.            | Send it to [ADDRESS]. Thanks.
                1600 Pennsylvania Avenue                  | [ADDRESS]
                350 5th Avenue                            | [ADDRESS]
                12/3 Ocean View Road                      | [ADDRESS]
                Hauptstraße 5, Berlin                     | [ADDRESS], Berlin
                Berliner Straße 12a                       | [ADDRESS]
                Prinsengracht 263                         | [ADDRESS]
                12 rue de Rivoli                          | [ADDRESS]
                Calle Mayor 5, Madrid                     | [ADDRESS], Madrid
                """)
        void areRedacted(String text, String expected) {
            assertThat(redacted(text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "Echoes of Marrow Street is moody",
                "Miracle on 34th Street",
                "Season 2 Drive",
                "Top 10 Best Place",
                "I watched it via Netflix 2 times",
        })
        void lookalikesAreKept(String text) {
            assertThat(redacted(text)).isEqualTo(text);
        }
    }

    @Nested
    class Names {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                my name is Anna Schmidt and I like comedies   | my name is [NAME] and I like comedies
                My name is anna                               | My name is [NAME]
                my name's Zephyrine                           | my name's [NAME]
                my son's name is Leo                          | my son's name is [NAME]
                Name: Jürgen Müller                           | Name: [NAME]
                I'm Priya, nice to meet you                   | I'm [NAME], nice to meet you
                I’m Priya                                     | I’m [NAME]
                i'm anna                                      | i'm [NAME]
                I am Zephyrine Okoro and I love Tidebreaker   | I am [NAME] and I love Tidebreaker
                I'm Anna's mum                                | I'm [NAME]'s mum
                This is Tom speaking.                         | This is [NAME] speaking.
                this is Kwame here                            | this is [NAME] here
                call me Ishmael                               | call me [NAME]
                my friends call me Bex                        | my friends call me [NAME]
                Signed, Anna                                  | Signed, [NAME]
                Regards, Anna Schmidt                         | Regards, [NAME]
                Kind regards, Tom.                            | Kind regards, [NAME].
                Cheers, Anna! Loved it                        | Cheers, [NAME]! Loved it
                my son Leo loves cartoons                     | my son [NAME] loves cartoons
                my daughter Mia and my wife Chloé             | my daughter [NAME] and my wife [NAME]
                my best friend, Zed, says hi                  | my best friend, [NAME], says hi
                my kids Leo, Mia and Noah want cartoons       | my kids [NAME], [NAME] and [NAME] want cartoons
                Anna here, any comedy tips?                   | [NAME] here, any comedy tips?
                Hi, Priya Natarajan here.                     | Hi, [NAME] here.
                Zed Okafor here.                              | [NAME] here.
                I met Anna Schmidt yesterday.                 | I met [NAME] yesterday.
                can I talk to Priya Natarajan?                | can I talk to [NAME]?
                Anna Schmidt's pick was Grandma Goes Rogue.   | [NAME]'s pick was Grandma Goes Rogue.
                Hello Anna Schmidt!                           | Hello [NAME]!
                Schmidt Anna wrote                            | Schmidt Anna wrote
                ask Schmidt Anna                              | ask [NAME]
                my wife and I love Jean-Luc Picard            | my wife and I love [NAME]
                with Anna de Armas and Ali al-Hassan          | with [NAME] and [NAME]
                Yuki Tanaka and Oluwaseun Adeyemi             | [NAME] and [NAME]
                Zoë Kravitz and Łukasz Nowak                  | [NAME] and [NAME]
                """)
        void areRedacted(String text, String expected) {
            assertThat(redacted(text)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "I'm Bored",
                "I'm bored, surprise me",
                "I'm looking for a comedy",
                "I'm Looking For A Comedy",
                "I'm Canadian and I'm Into Horror",
                "I am so tired",
                "call me Maybe",
                "call me back later",
                "Call Me Kat is a show",
                "I Am Legend",
                "My Cousin Vinny is great",
                "My Name Is Khan",
                "Love, Simon",
                "Signed, Sealed, Delivered is a series",
                "this is Anna",
                "Everyone here loves it",
                "Netflix here?",
                "Anna loves comedies",
                "Sophie's Choice",
                "Tidebreaker Anna is a game?",
                "Will Tidebreaker get a sequel?",
                "Grace Under Fire",
                "A Christmas Carol",
                "Hello there, Marquee!",
                "Tell me about Orbit of Small Things",
                "Recommend Something Like Grandma Goes Rogue",
                "my son is 12 and loves Paws & Puzzles",
        })
        void ordinaryCapitalisedWordsAreKept(String text) {
            assertThat(redacted(text)).isEqualTo(text);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "Mara Quill was great in Orbit of Small Things",
                "my name is mara quill",
                "Is Mara Quill in Tidebreaker?",
                "Sam Halloway and Priya Nair",
                "Paws & Puzzles",
                "Paws and Puzzles",
                "I love Tidebreaker",
                "Tidebreaker",
                "Echoes of Marrow Street",
                "Starward Academy S1E2: Gravity Drills is on",
                "Marquee Live: Galaxy Cup Final tonight",
                "I'm June Adeyemi's biggest fan",
                "This is Lena Vos speaking",
        })
        void protectedPhrasesAreKept(String text) {
            assertThat(redacted(text)).isEqualTo(text);
        }

        @Test
        void withoutProtectionCastNamesLookLikeNames() {
            PiiRedactor unprotected = new PiiRedactor();

            assertThat(unprotected.redactText("Mara Quill was great in Orbit of Small Things"))
                    .isEqualTo("[NAME] was great in Orbit of Small Things");
            assertThat(unprotected.redactText("Sam Halloway and Priya Nair")).isEqualTo("[NAME] and [NAME]");
        }

        @Test
        void protectionCoversOnlyThePhraseNotNamesAroundIt() {
            assertThat(redacted("Anna Schmidt says Mara Quill was great, call me Mara"))
                    .isEqualTo("[NAME] says Mara Quill was great, call me [NAME]");
        }

        @Test
        void signOffOnItsOwnLine() {
            assertThat(redacted("Any new comedies?\n\nBest regards,\nPriya Natarajan"))
                    .isEqualTo("Any new comedies?\n\nBest regards,\n[NAME]");
        }

        @Test
        void firstNamesCanBeReplaced() {
            PiiRedactor custom = new PiiRedactor(Set.of(), List.of("Zorblax"));

            assertThat(custom.redactText("talk to Zorblax Quint or Anna Schmidt"))
                    .isEqualTo("talk to [NAME] or Anna Schmidt");
        }
    }

    @Nested
    class Protection {
        @Test
        void doesNotShieldMachineReadableIdentifiers() {
            PiiRedactor redactor = new PiiRedactor(Set.of("Ruby", "Tidebreaker"));

            assertThat(redactor.redactText("ruby@example.com, tidebreaker.fan@example.com"))
                    .isEqualTo("[EMAIL], [EMAIL]");
        }

        @Test
        void shieldsAddressLikeTitles() {
            PiiRedactor redactor = new PiiRedactor(Set.of("10 Cloverfield Lane"));
            String text = "Have you seen 10 Cloverfield Lane? I live at 42 Main St.";

            assertThat(redactor.redactText(text)).isEqualTo("Have you seen 10 Cloverfield Lane? I live at [ADDRESS].");
            assertThat(new PiiRedactor().redactText(text)).isEqualTo("Have you seen [ADDRESS]? I live at [ADDRESS].");
        }

        /** The catalog's cast lists carry credits: the names in them are protected on their own. */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                Narrated by Helena Saar     | This is Helena Saar speaking
                Narrated by Dr. Amaka Eze   | This is Amaka Eze speaking
                Milo Grant (voice)          | This is Milo Grant speaking
                Hosted by Rina Takeda       | This is Rina Takeda speaking
                """)
        void protectsTheNameInACastCredit(String credit, String text) {
            assertThat(new PiiRedactor().redactText(text)).isEqualTo("This is [NAME] speaking");
            assertThat(new PiiRedactor(Set.of(credit)).redactText(text)).isEqualTo(text);
        }

        @Test
        void ignoresBlankPhrases() {
            PiiRedactor redactor = new PiiRedactor(Set.of("", "  ", "&"));

            assertThat(redactor.redactText("I met Anna Schmidt & co")).isEqualTo("I met [NAME] & co");
        }
    }

    @Nested
    class Combined {
        @Test
        void redactsEveryKindInOneMessageAndCountsThem() {
            Redaction redaction = redactor.redact("Hi, I'm Anna Schmidt (anna.schmidt+tv@example.com). "
                    + "Call +44 20 7946 0958 or 555-123-4567. Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 "
                    + "0130 00, SSN 123-45-6789, IP 10.0.0.1. I live at 221B Baker Street. "
                    + "My son Leo loved Mara Quill in Tidebreaker (2023, 126 minutes), S1E2 at 20:30.");

            assertThat(redaction.text()).isEqualTo("Hi, I'm [NAME] ([EMAIL]). "
                    + "Call [PHONE] or [PHONE]. Card [CARD], IBAN [IBAN], SSN [ID], IP [IP]. I live at [ADDRESS]. "
                    + "My son [NAME] loved Mara Quill in Tidebreaker (2023, 126 minutes), S1E2 at 20:30.");
            assertThat(redaction.counts()).containsExactly(
                    entry("email", 1), entry("phone", 2), entry("card", 1), entry("iban", 1), entry("ip", 1),
                    entry("id", 1), entry("address", 1), entry("name", 2));
            assertThat(redaction.total()).isEqualTo(10);
        }

        @Test
        void countsOnlyKindsFound() {
            Redaction redaction = redactor.redact("mail a@b.io, call 555-123-4567 or 555-987-6543");

            assertThat(redaction.counts()).isEqualTo(Map.of("email", 1, "phone", 2));
            assertThat(redaction.counts()).containsExactly(entry("email", 1), entry("phone", 2));
        }

        @Test
        void leavesCleanTextAlone() {
            String text = "Can you recommend a comedy like Grandma Goes Rogue from 2019? Something under 126 minutes.";
            Redaction redaction = redactor.redact(text);

            assertThat(redaction.text()).isEqualTo(text);
            assertThat(redaction.counts()).isEmpty();
            assertThat(redaction.total()).isZero();
        }

        @Test
        void handlesEmptyText() {
            assertThat(redactor.redact("")).isEqualTo(new Redaction("", Map.of()));
        }

        @Test
        void rejectsNull() {
            assertThatThrownBy(() -> redactor.redact(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void countsCannotBeModified() {
            Redaction redaction = redactor.redact("a@b.io");

            assertThatThrownBy(() -> redaction.counts().put("name", 1))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void redactTextReturnsTheText() {
            assertThat(redactor.redactText("mail a@b.io")).isEqualTo("mail [EMAIL]");
        }
    }

    @Nested
    class Idempotence {
        static Stream<String> messages() {
            return Stream.of(
                    "Hi, I'm Anna Schmidt (anna.schmidt+tv@example.com), call +44 20 7946 0958.",
                    "Card 4111 1111 1111 1111, not a card 4111 1111 1111 1112, IBAN GB82 WEST 1234 5698 7654 32",
                    "My SSN is 123-45-6789 and my passport number X1234567, IP 192.168.1.10 or fe80::1",
                    "I live at 221B Baker Street, send it to 42 Main St. or Hauptstraße 5.",
                    "my kids Leo, Mia and Noah and my friend Zed Okafor here",
                    "Anna here. Regards, Priya Natarajan",
                    "Mara Quill was great in Tidebreaker (2023), 126 minutes, S1E2 at 20:30 on 2024-05-01",
                    "0049 30 1234567, (555) 123 4567, 07700 900123, 555-1234",
                    "anna dot schmidt at gmail dot com and anna[at]example[dot]org",
                    "Already [NAME] and [EMAIL] and [PHONE]; [CARD] [IBAN] [IP] [ID] [ADDRESS]");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("messages")
        void redactingTwiceChangesNothing(String message) {
            Redaction once = redactor.redact(message);
            Redaction twice = redactor.redact(once.text());

            assertThat(twice.text()).isEqualTo(once.text());
            assertThat(twice.counts()).isEmpty();
        }

        @Test
        void placeholdersAreNotCounted() {
            String text = "Already [NAME] and [EMAIL] and [PHONE]; [CARD] [IBAN] [IP] [ID] [ADDRESS]";

            assertThat(redactor.redact(text)).isEqualTo(new Redaction(text, Map.of()));
        }
    }

    @Nested
    class Checksums {
        @ParameterizedTest(name = "{0}")
        @CsvSource(textBlock = """
                4111111111111111, true
                5500000000000004, true
                378282246310005, true
                79927398713, true
                4111111111111112, false
                1234567890123456, false
                """)
        void luhn(String digits, boolean valid) {
            assertThat(PiiRedactor.luhnValid(digits)).isEqualTo(valid);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(textBlock = """
                DE89370400440532013000, true
                GB82WEST12345698765432, true
                NL91ABNA0417164300, true
                DE89370400440532013001, false
                GB82WEST12345698765433, false
                """)
        void iban(String iban, boolean valid) {
            assertThat(PiiRedactor.ibanChecksumValid(iban)).isEqualTo(valid);
        }
    }
}
