package dev.marquee.analytics.streams;

import dev.marquee.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Event time is when the event happened ({@code ce_time}), not when it reached the broker: a play reported
 * late by a phone that was offline counts in the hour it happened, as long as it arrives within the grace
 * period ({@code marquee.analytics.grace}). Falls back to the record timestamp.
 */
public class CloudEventTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Header time = record.headers().lastHeader(CloudEventHeaders.TIME);
        if (time != null) {
            try {
                return toEpochMilli(time.value());
            } catch (DateTimeParseException e) {
                // fall through to the broker's timestamp
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }

    /**
     * Milliseconds since the epoch of an RFC 3339 time. The form Marquee's producers write
     * ({@code 2026-11-26T10:15:30.123456Z}: UTC, 0 to 9 fraction digits) is read straight from the bytes, since every
     * input record's time is read; any other form goes through {@link Instant#parse}.
     *
     * @throws DateTimeParseException when the value is not a time
     */
    static long toEpochMilli(byte[] v) {
        int n = v.length;
        if (n >= 20 && n <= 30 && v[4] == '-' && v[7] == '-' && v[10] == 'T' && v[13] == ':' && v[16] == ':'
                && v[n - 1] == 'Z' && (n == 20 || v[19] == '.' && n > 21)) {
            int year = digits(v, 0, 4);
            int month = digits(v, 5, 2);
            int day = digits(v, 8, 2);
            int hour = digits(v, 11, 2);
            int minute = digits(v, 14, 2);
            int second = digits(v, 17, 2);
            int millis = 0;
            boolean fraction = true;
            for (int i = 20, scale = 100; i < n - 1; i++, scale /= 10) {
                int d = v[i] - '0';
                fraction &= d >= 0 && d <= 9;
                millis += scale * d;
            }
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && fraction
                    && day <= java.time.YearMonth.of(year, month).lengthOfMonth()) {
                long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
                return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
            }
        }
        return Instant.parse(new String(v, StandardCharsets.UTF_8)).toEpochMilli();
    }

    /** The number in {@code length} ASCII digits at {@code from}, or -1 when one of them is not a digit. */
    private static int digits(byte[] v, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            int d = v[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
