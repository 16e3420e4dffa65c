package dev.marquee.privacy.service;

import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventType;
import dev.marquee.events.Topic;
import dev.marquee.outbox.Locks;
import dev.marquee.outbox.Outbox;
import dev.marquee.privacy.ConsentState;
import dev.marquee.privacy.ErasureConfirmation;
import dev.marquee.privacy.ErasureRequest;
import dev.marquee.privacy.ExportRequest;
import dev.marquee.privacy.Privacy;
import dev.marquee.privacy.audit.AuditLog;
import dev.marquee.privacy.config.PrivacyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The erasure saga ({@link Saga}). When it starts, privacy-service forgets the user's current consent (a
 * tombstone on the compacted consent topic removes it from every service's view) and their export bundles; the
 * consent history and the audit log stay, as the proof of what the user agreed to and of the erasure itself.
 */
@ApplicationScoped
public class ErasureService extends Saga<ErasureRequest> {

    public ErasureService(Outbox outbox, Locks locks, AuditLog audit, PrivacyConfig config, MeterRegistry registry) {
        super(ErasureRequest.class, "erasure", outbox, locks, audit, config, registry);
    }

    @Override
    protected ErasureRequest newRequest() {
        return new ErasureRequest();
    }

    @Override
    protected List<String> requiredServices() {
        return config.erasure().requiredServices();
    }

    @Override
    protected Object event(ErasureRequest request, List<String> pending) {
        return new ErasureRequested(request.id.toString(), request.userId, request.requiredServices,
                request.attempts, request.requestedAt, pending);
    }

    @Override
    protected Set<String> answered(UUID requestId) {
        return confirmations(requestId).stream().map(c -> c.service).collect(Collectors.toSet());
    }

    @Override
    protected Map<String, Object> started(ErasureRequest request) {
        // Rows first, outbox keys after, as in every transaction here: a sweep re-sending an export of this user holds
        // the export's row and then takes the user's outbox key.
        long consent = ConsentState.delete("userId", request.userId);
        long exports = ExportRequest.delete("userId", request.userId);
        outbox.addTombstone(Topic.PRIVACY_CONSENT, request.userId);
        Map<String, Long> erased = new LinkedHashMap<>();
        erased.put("consentState", consent);
        erased.put("exportRequests", exports);
        // privacy-service's own part is on the receipt like every other service's.
        ErasureConfirmation own = new ErasureConfirmation();
        own.requestId = request.id;
        own.service = Privacy.SERVICE;
        own.erased = erased;
        own.confirmedAt = request.requestedAt;
        own.persist();
        return Map.of(Privacy.SERVICE, erased);
    }

    public List<ErasureConfirmation> confirmations(UUID requestId) {
        return ErasureConfirmation.list("requestId = ?1 order by confirmedAt", requestId);
    }

    /** Records a service's confirmation; completes the request once all required services confirmed. */
    @Transactional
    public void confirm(ErasureCompleted completed) {
        ErasureRequest request = lockAnswered(EventType.ERASURE_COMPLETED, completed.requestId(), completed.userId());
        if (ErasureConfirmation.count("requestId = ?1 and service = ?2", request.id, completed.service()) > 0) {
            return;
        }
        ErasureConfirmation confirmation = new ErasureConfirmation();
        confirmation.requestId = request.id;
        confirmation.service = completed.service();
        confirmation.erased = completed.erased();
        confirmation.confirmedAt = completed.completedAt();
        confirmation.persist();
        answered(request, completed.service(), completed.erased());
    }

    @Scheduled(identity = "erasure-sweep", every = "${marquee.privacy.sagas.check}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep();
    }
}
