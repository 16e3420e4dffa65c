package dev.marquee.analytics.streams;

import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.Instants;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.TimestampExtractor;

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
                return Instants.toEpochMilli(time.value());
            } catch (DateTimeParseException e) {
                // fall through to the broker's timestamp
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
