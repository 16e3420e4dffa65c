package dev.marquee.privacy.service;

import dev.marquee.events.EventType;
import dev.marquee.events.ExportContributed;
import dev.marquee.events.ExportRequested;
import dev.marquee.outbox.Locks;
import dev.marquee.outbox.Outbox;
import dev.marquee.privacy.ConsentChange;
import dev.marquee.privacy.ConsentState;
import dev.marquee.privacy.ExportContribution;
import dev.marquee.privacy.ExportRequest;
import dev.marquee.privacy.Privacy;
import dev.marquee.privacy.SagaRequest;
import dev.marquee.privacy.audit.AuditLog;
import dev.marquee.privacy.config.PrivacyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The export saga (right of access, {@link Saga}): every required service contributes what it holds of the user;
 * the bundle is assembled from the contributions and privacy-service's own records (consent history, erasure
 * requests, audit entries), and deleted {@code keep-for} after completion.
 */
@ApplicationScoped
public class ExportService extends Saga<ExportRequest> {
    private static final Logger LOG = Logger.getLogger(ExportService.class);

    public ExportService(Outbox outbox, Locks locks, AuditLog audit, PrivacyConfig config, MeterRegistry registry) {
        super(ExportRequest.class, "export", outbox, locks, audit, config, registry);
    }

    @Override
    protected ExportRequest newRequest() {
        return new ExportRequest();
    }

    @Override
    protected List<String> requiredServices() {
        return config.export().requiredServices();
    }

    @Override
    protected Object event(ExportRequest request, List<String> pending) {
        return new ExportRequested(request.id.toString(), request.userId, request.requiredServices,
                request.attempts, request.requestedAt, pending);
    }

    @Override
    protected Set<String> answered(UUID requestId) {
        return contributions(requestId).stream().map(c -> c.service).collect(Collectors.toSet());
    }

    public List<ExportContribution> contributions(UUID requestId) {
        return ExportContribution.list("requestId = ?1 order by service", requestId);
    }

    /**
     * Records a service's contribution, unless it contributed already or the request is no longer pending. A
     * contribution to an unknown request (erased with its user, say) is dropped, never dead-lettered: it carries
     * the user's data.
     */
    @Transactional
    public void contribute(ExportContributed contributed) {
        ExportRequest request;
        try {
            request = lockAnswered(EventType.EXPORT_CONTRIBUTED, contributed.requestId(), contributed.userId());
        } catch (dev.marquee.events.InvalidEventException e) {
            LOG.warnf("dropping %s's export contribution: %s", contributed.service(), e.getMessage());
            return;
        }
        if (!request.status.equals(SagaRequest.PENDING)
                || ExportContribution.count("requestId = ?1 and service = ?2", request.id, contributed.service()) > 0) {
            return;
        }
        ExportContribution contribution = new ExportContribution();
        contribution.requestId = request.id;
        contribution.service = contributed.service();
        contribution.data = contributed.data();
        contribution.contributedAt = contributed.contributedAt();
        contribution.persist();
        Map<String, Integer> kinds = new LinkedHashMap<>();
        contributed.data().forEach((kind, value) -> kinds.put(kind, value instanceof List<?> l ? l.size() : 1));
        answered(request, contributed.service(), kinds);
    }

    /**
     * The downloadable bundle of a completed request: each service's data, and privacy-service's own records of
     * the user. Audited as downloaded.
     */
    @Transactional
    public Map<String, Object> bundle(ExportRequest request) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("requestId", request.id.toString());
        bundle.put("userId", request.userId);
        bundle.put("requestedAt", request.requestedAt);
        bundle.put("completedAt", request.completedAt);
        Map<String, Object> services = new LinkedHashMap<>();
        services.put(Privacy.SERVICE, ownRecords(request.userId));
        for (ExportContribution c : contributions(request.id)) {
            services.put(c.service, c.data);
        }
        bundle.put("services", services);
        audit.append("export.downloaded", request.userId, request.id, Map.of());
        return bundle;
    }

    private Map<String, Object> ownRecords(String userId) {
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("consent", ConsentState.everyBrand(userId).stream()
                .map(c -> Map.of("brand", c.brand, "purposes", c.purposes, "policyVersion", c.policyVersion,
                        "source", c.source, "version", c.version, "updatedAt", c.updatedAt))
                .toList());
        own.put("consentHistory", ConsentChange.<ConsentChange>list("userId", Sort.ascending("id"), userId).stream()
                .map(c -> Map.of("brand", c.brand, "purpose", c.purpose, "granted", c.granted,
                        "policyVersion", c.policyVersion, "source", c.source, "version", c.version,
                        "recordedAt", c.recordedAt))
                .toList());
        own.put("auditEntries", audit.read(userId, 0, 10_000).stream()
                .map(e -> Map.of("seq", e.seq(), "at", e.at(), "action", e.action(), "details", e.details()))
                .toList());
        return own;
    }

    /**
     * Deletes the bundles of requests completed longer than {@code keep-for} ago, and the partial contributions of
     * requests still pending after that long (they never completed; the data must not stay). Rows another
     * replica or an erasure holds are skipped; audit entries come after every delete (the audit lock last).
     */
    @Transactional
    public int expire() {
        Instant before = Instant.now().minus(config.export().keepFor());
        List<ExportRequest> old = lockSkippingLocked("(status = ?1 and completedAt < ?2) or (status = ?3 and "
                + "requestedAt < ?2)", SagaRequest.COMPLETED, before, SagaRequest.PENDING);
        Map<ExportRequest, Long> deleted = new LinkedHashMap<>();
        for (ExportRequest request : old) {
            deleted.put(request, ExportContribution.delete("requestId", request.id));
            request.status = ExportRequest.EXPIRED;
        }
        deleted.forEach((request, count) -> audit.append("export.expired", request.userId, request.id,
                Map.of("contributionsDeleted", count)));
        if (!old.isEmpty()) {
            LOG.infof("deleted the bundles of %d export(s) older than %s", old.size(), before);
        }
        return old.size();
    }

    @Scheduled(identity = "export-sweep", every = "${marquee.privacy.sagas.check}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep();
        expire();
    }
}
