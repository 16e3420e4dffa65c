package dev.marquee.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 times, read without {@link java.time.format.DateTimeFormatter} when they are in the form Marquee's
 * producers write ({@code 2026-11-26T10:15:30.123456Z}: UTC, 0 to 9 fraction digits). Consumers read one or two per
 * event (the {@code ce_time} header, the payload's times), and the formatter's general parser costs several
 * allocations each; any other form goes through {@link Instant#parse}.
 */
public final class Instants {
    private Instants() {
    }

    /**
     * The instant of an RFC 3339 time.
     *
     * @throws DateTimeParseException when the text is not a time
     */
    public static Instant parse(CharSequence text) {
        Instant instant = parseCanonical(text);
        return instant != null ? instant : Instant.parse(text);
    }

    /**
     * Milliseconds since the epoch of an RFC 3339 time in ASCII bytes, as a header holds it.
     *
     * @throws DateTimeParseException when the value is not a time
     */
    public static long toEpochMilli(byte[] ascii) {
        Instant instant = parseCanonical(new Ascii(ascii));
        return (instant != null ? instant : Instant.parse(new String(ascii, StandardCharsets.UTF_8))).toEpochMilli();
    }

    /** The instant of a time in the producers' form, or null when the text is in any other form (or no time). */
    public static Instant parseCanonical(CharSequence v) {
        int n = v.length();
        if (n < 20 || n > 30 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T'
                || v.charAt(13) != ':' || v.charAt(16) != ':' || v.charAt(n - 1) != 'Z'
                || n != 20 && (v.charAt(19) != '.' || n == 21)) {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        int nanos = 0;
        for (int i = 20, scale = 100_000_000; i < n - 1; i++, scale /= 10) {
            int d = v.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            nanos += scale * d;
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(((epochDay * 24 + hour) * 60 + minute) * 60 + second, nanos);
    }

    /** The number in {@code length} ASCII digits at {@code from}, or -1 when one of them is not a digit. */
    private static int digits(CharSequence v, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            int d = v.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Bytes read as ASCII characters, without copying them into a String. */
    private record Ascii(byte[] bytes) implements CharSequence {
        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
