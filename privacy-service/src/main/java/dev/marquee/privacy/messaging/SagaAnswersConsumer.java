package dev.marquee.privacy.messaging;

import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ExportContributed;
import dev.marquee.events.InvalidEventException;
import dev.marquee.outbox.IncomingEvents;
import dev.marquee.privacy.service.ErasureService;
import dev.marquee.privacy.service.ExportService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Records the services' answers to the sagas: erasure confirmations (unknown or malformed ones go to the
 * dead-letter topic) and export contributions (unknown or malformed ones are dropped: they carry the user's data);
 * database failures are retried.
 */
@ApplicationScoped
public class SagaAnswersConsumer {
    private static final Logger LOG = Logger.getLogger(SagaAnswersConsumer.class);
    private final ErasureService erasures;
    private final ExportService exports;

    public SagaAnswersConsumer(ErasureService erasures, ExportService exports) {
        this.erasures = erasures;
        this.exports = exports;
    }

    @Incoming("erasure-completions")
    @Blocking
    public void confirmation(ConsumerRecord<String, String> record) {
        ErasureCompleted completed = IncomingEvents.decode(record, ErasureCompleted.class);
        IncomingEvents.applyUntilDone("confirmation of " + completed.requestId() + " by " + completed.service(),
                () -> erasures.confirm(completed));
    }

    @Incoming("export-contributions")
    @Blocking
    public void contribution(ConsumerRecord<String, String> record) {
        ExportContributed contributed;
        try {
            contributed = IncomingEvents.decode(record, ExportContributed.class);
        } catch (InvalidEventException e) {
            // Never dead-lettered: a contribution carries the user's data. Only where it came from is logged.
            LOG.warnf("dropping an export contribution that breaks the contract (partition %d, offset %d): %s",
                    record.partition(), record.offset(), e.problems());
            return;
        }
        IncomingEvents.applyUntilDone("contribution to " + contributed.requestId() + " by " + contributed.service(),
                () -> exports.contribute(contributed));
    }
}
