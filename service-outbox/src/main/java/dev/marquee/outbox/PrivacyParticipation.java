package dev.marquee.outbox;

import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.ExportContributed;
import dev.marquee.events.ExportRequested;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * A service's side of the privacy sagas.
 * <ul>
 *     <li>On an {@link ErasureRequested} event it erases the user's data and confirms with
 *     {@link ErasureCompleted}, in one transaction with the outbox. A re-sent request is answered again with the
 *     counts of the first erasure, which makes the step idempotent. The erasure log keeps the request id and the
 *     counts, never the user id; {@link ErasureHorizon} remembers when the user was erased, so that their events
 *     still in flight do not bring their data back.</li>
 *     <li>On an {@link ExportRequested} event it gathers what it holds of the user and answers with
 *     {@link ExportContributed}, read and announced in one transaction. A re-sent request is answered again with
 *     what the service holds then.</li>
 * </ul>
 */
@ApplicationScoped
public class PrivacyParticipation {
    private static final Logger LOG = Logger.getLogger(PrivacyParticipation.class);

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final ErasureHorizon horizon;
    private final Locks locks;

    public PrivacyParticipation(AgroalDataSource dataSource, Outbox outbox, ErasureHorizon horizon, Locks locks) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.horizon = horizon;
        this.locks = locks;
    }

    /**
     * Handles one consumed erasure request for the named service: the record is checked against the contract
     * first, then the erasure is applied (retried while the database fails).
     *
     * @throws dev.marquee.events.InvalidEventException for a record that breaks the contract (dead-letter it)
     */
    public void handleErasure(ConsumerRecord<String, String> record, String service, PrivacyParticipant participant) {
        ErasureRequested request = IncomingEvents.decode(record, ErasureRequested.class);
        if (!request.asks(service)) {
            return; // a re-send to the services that have not answered; this one has
        }
        // Quarkus intercepts calls on the bean itself, so erase() runs in a transaction of its own per attempt.
        boolean erasedNow = IncomingEvents.applyUntilDone("erasure " + request.requestId(),
                () -> erase(request, service, participant));
        // Only after this attempt erased: a re-sent request must not make the service forget the user's activity
        // since the erasure.
        if (erasedNow) {
            participant.erased(request.userId());
        }
    }

    /**
     * Handles one consumed export request for the named service, like {@link #handleErasure}.
     *
     * @throws dev.marquee.events.InvalidEventException for a record that breaks the contract (dead-letter it)
     */
    public void handleExport(ConsumerRecord<String, String> record, String service, PrivacyParticipant participant) {
        ExportRequested request = IncomingEvents.decode(record, ExportRequested.class);
        if (!request.asks(service)) {
            return; // a re-send to the services that have not answered; this one has
        }
        IncomingEvents.applyUntilDone("export " + request.requestId(), () -> export(request, service, participant));
    }

    /** Erases once per request and confirms, in one transaction; whether this call erased. */
    @Transactional
    boolean erase(ErasureRequested request, String service, PrivacyParticipant participant) {
        // One erasure per user at a time (a re-sent request may be handled by another replica meanwhile).
        locks.lockUser(request.userId());
        Map<String, Long> erased = previousCounts(request.requestId());
        Instant now = Instant.now();
        boolean erasedNow = erased == null;
        if (erasedNow) {
            erased = participant.eraseUser(request.userId());
            remember(request.requestId(), erased);
            horizon.erased(request.userId(), now);
            LOG.infof("erasure %s: erased %s", request.requestId(), erased);
        } else {
            LOG.infof("erasure %s (attempt %d) was done before; confirming again", request.requestId(),
                    request.attempt());
        }
        ErasureCompleted completed = new ErasureCompleted(request.requestId(), request.userId(), service, erased, now);
        outbox.add(EventEnvelope.forUser(request.userId(), request.answerId(service),
                CloudEventHeaders.sourceOf(service), now, completed));
        return erasedNow;
    }

    /** Gathers the user's data and announces it, in one transaction. */
    @Transactional
    void export(ExportRequested request, String service, PrivacyParticipant participant) {
        Map<String, Object> data = participant.exportUser(request.userId());
        Instant now = Instant.now();
        ExportContributed contributed = new ExportContributed(request.requestId(), request.userId(), service,
                data, now).fittingOneRecord();
        if (!contributed.data().equals(data)) {
            LOG.warnf("export %s: the data does not fit in one record; contributing its counts", request.requestId());
        }
        outbox.add(EventEnvelope.forUser(request.userId(), request.answerId(service),
                CloudEventHeaders.sourceOf(service), now, contributed));
        LOG.infof("export %s (attempt %d): contributed %s", request.requestId(), request.attempt(), data.keySet());
    }

    private Map<String, Long> previousCounts(String requestId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT erased FROM erasure_log WHERE request_id = ?")) {
            select.setString(1, requestId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return EventCodec.instance().mapper().readValue(rs.getString(1),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>>() {
                        });
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read the erasure log", e);
        }
    }

    private void remember(String requestId, Map<String, Long> erased) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO erasure_log (request_id, erased) VALUES (?, ?::jsonb)")) {
            insert.setString(1, requestId);
            insert.setString(2, EventCodec.instance().mapper().writeValueAsString(erased));
            insert.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the erasure log", e);
        }
    }
}
