package dev.marquee.privacy.service;

import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.EventType;
import dev.marquee.events.InvalidEventException;
import dev.marquee.outbox.Locks;
import dev.marquee.outbox.Outbox;
import dev.marquee.privacy.ErasureConfirmation;
import dev.marquee.privacy.ErasureRequest;
import dev.marquee.privacy.Privacy;
import dev.marquee.privacy.config.PrivacyConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.LockOptions;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The erasure saga, coordinated: a request is stored and published in one transaction; each service's
 * confirmation is recorded once; the request completes only when every required service confirmed; requests
 * still pending are published again, so a service that was down or lost the message still gets it.
 */
@ApplicationScoped
public class ErasureService {
    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final Outbox outbox;
    private final Locks locks;
    private final PrivacyConfig config;

    public ErasureService(Outbox outbox, Locks locks, PrivacyConfig config) {
        this.outbox = outbox;
        this.locks = locks;
        this.config = config;
    }

    /**
     * Starts erasing the user's data, or returns the request already under way: asking twice does not start
     * two sagas.
     */
    @Transactional
    public ErasureRequest request(String userId) {
        locks.lockUser(userId);
        ErasureRequest pending = ErasureRequest.find("userId = ?1 and status = ?2", userId, ErasureRequest.PENDING)
                .firstResult();
        if (pending != null) {
            return pending;
        }
        Instant now = Instant.now();
        ErasureRequest request = new ErasureRequest();
        request.id = UUID.randomUUID();
        request.userId = userId;
        request.status = ErasureRequest.PENDING;
        request.requiredServices = List.copyOf(config.erasure().requiredServices());
        request.attempts = 0;
        request.requestedAt = now;
        request.lastSentAt = now;
        request.persist();
        publish(request, now);
        return request;
    }

    public List<ErasureConfirmation> confirmations(UUID requestId) {
        return ErasureConfirmation.list("requestId = ?1 order by confirmedAt", requestId);
    }

    /** Records a service's confirmation; completes the request once all required services confirmed. */
    @Transactional
    public void confirm(ErasureCompleted completed) {
        UUID requestId;
        try {
            requestId = UUID.fromString(completed.requestId());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(EventType.ERASURE_COMPLETED, List.of("requestId is not a UUID"));
        }
        ErasureRequest request = ErasureRequest.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !request.userId.equals(completed.userId())) {
            throw new InvalidEventException(EventType.ERASURE_COMPLETED,
                    List.of("no erasure request " + completed.requestId() + " for this user"));
        }
        if (ErasureConfirmation.count("requestId = ?1 and service = ?2", requestId, completed.service()) == 0) {
            ErasureConfirmation confirmation = new ErasureConfirmation();
            confirmation.requestId = requestId;
            confirmation.service = completed.service();
            confirmation.erased = completed.erased();
            confirmation.confirmedAt = completed.completedAt();
            confirmation.persist();
            ErasureConfirmation.flush();
        }
        Set<String> confirmed = new HashSet<>();
        confirmations(requestId).forEach(c -> confirmed.add(c.service));
        if (request.status.equals(ErasureRequest.PENDING) && confirmed.containsAll(request.requiredServices)) {
            request.status = ErasureRequest.COMPLETED;
            request.completedAt = Instant.now();
            LOG.infof("erasure %s completed: %s", request.id, confirmed);
        }
    }

    /**
     * Publishes pending requests again when a required service has not confirmed in time. Rows being confirmed,
     * or re-sent by another replica, are skipped (SKIP LOCKED), so nothing is overwritten or sent twice.
     */
    @Scheduled(every = "${marquee.privacy.erasure.resend-check}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void resendOverdue() {
        Instant now = Instant.now();
        List<ErasureRequest> overdue = ErasureRequest.<ErasureRequest>find("status = ?1 and lastSentAt < ?2",
                        ErasureRequest.PENDING, now.minus(config.erasure().resendAfter()))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                .list();
        for (ErasureRequest request : overdue) {
            LOG.infof("erasure %s still waits for confirmations after %d attempt(s); sending again", request.id,
                    request.attempts);
            request.lastSentAt = now;
            publish(request, now);
        }
    }

    private void publish(ErasureRequest request, Instant now) {
        request.attempts++;
        ErasureRequested event = new ErasureRequested(request.id.toString(), request.userId, request.requiredServices,
                request.attempts, request.requestedAt);
        outbox.add(EventEnvelope.forUser(request.userId, request.id + "/" + request.attempts,
                Privacy.EVENT_SOURCE, now, event));
    }
}
