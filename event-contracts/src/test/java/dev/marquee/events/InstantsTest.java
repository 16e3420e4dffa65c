package dev.marquee.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantsTest {

    @Test
    void readsTheProducersFormLikeInstantParseWithAnyNumberOfFractionDigits() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
                    random.nextInt(1_000_000_000));
            String text = instant.toString();
            // Instant.toString writes 0, 3, 6 or 9 digits; cut to any length from 1 to 9 as other writers do.
            int dot = text.indexOf('.');
            if (dot > 0) {
                int digits = 1 + random.nextInt(9);
                text = text.substring(0, Math.min(text.length() - 1, dot + 1 + digits)) + "Z";
            }
            assertThat(Instants.toEpochMilli(bytes(text))).as(text)
                    .isEqualTo(Instant.parse(text).toEpochMilli());
            assertThat(Instants.parseCanonical(text)).as(text).isEqualTo(Instant.parse(text));
        }
        assertThat(Instants.toEpochMilli(bytes("2028-02-29T23:59:59.999Z")))
                .isEqualTo(Instant.parse("2028-02-29T23:59:59.999Z").toEpochMilli());
    }

    @Test
    void otherFormsGoThroughInstantParse() {
        assertThat(Instants.toEpochMilli(bytes("2026-11-26T12:15:30+02:00")))
                .isEqualTo(OffsetDateTime.parse("2026-11-26T12:15:30+02:00").toInstant().toEpochMilli());
        // ISO-8601's end of day, which Instant.parse accepts as the next midnight.
        assertThat(Instants.toEpochMilli(bytes("2026-01-01T24:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-02T00:00:00Z").toEpochMilli());
        assertThat(Instants.toEpochMilli(bytes("+12026-11-26T12:15:30Z")))
                .isEqualTo(Instant.parse("+12026-11-26T12:15:30Z").toEpochMilli());
        assertThat(Instants.parseCanonical("2026-11-26T12:15:30+02:00")).isNull();
        assertThat(Instants.parse("2026-11-26T12:15:30+02:00"))
                .isEqualTo(OffsetDateTime.parse("2026-11-26T12:15:30+02:00").toInstant());
    }

    @Test
    void rejectsWhatIsNotATime() {
        for (String bad : new String[]{"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z",
                "2026-01-01T10:60:00Z", "2026-01-01T10:00:00.1xZ", "2026-0a-01T10:00:00Z",
                "yesterday", ""}) {
            assertThatThrownBy(() -> Instants.toEpochMilli(bytes(bad))).as(bad)
                    .isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> Instants.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
