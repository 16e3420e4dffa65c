package dev.marquee.privacy.service;

import dev.marquee.commons.rest.ListPage;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.EventType;
import dev.marquee.events.InvalidEventException;
import dev.marquee.outbox.Locks;
import dev.marquee.outbox.Outbox;
import dev.marquee.privacy.Privacy;
import dev.marquee.privacy.SagaRequest;
import dev.marquee.privacy.audit.AuditLog;
import dev.marquee.privacy.config.PrivacyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.LockOptions;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The steps the erasure and export sagas share. A request is stored, published and audited in one transaction;
 * each service's answer is recorded once; the request completes when every required service answered; requests
 * still pending are published again after {@code resend-after}, to the services that have not answered, and flagged (audited, counted, logged) once
 * pending for {@code overdue-after}. Sweeps lock rows with {@code SKIP LOCKED}, so replicas never send twice or
 * overwrite an answer.
 *
 * @param <R> the kind of request
 */
public abstract class Saga<R extends SagaRequest> {
    private static final Logger LOG = Logger.getLogger(Saga.class);

    // Not final: CDI's client proxies of the subclasses are made through the no-argument constructor.
    protected Outbox outbox;
    protected AuditLog audit;
    protected PrivacyConfig config;
    private Locks locks;
    private Class<R> type;
    private String kind;
    private Timer duration;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();

    /** For CDI's client proxies only. */
    protected Saga() {
    }

    protected Saga(Class<R> type, String kind, Outbox outbox, Locks locks, AuditLog audit, PrivacyConfig config,
                   MeterRegistry registry) {
        this.type = type;
        this.kind = kind;
        this.outbox = outbox;
        this.locks = locks;
        this.audit = audit;
        this.config = config;
        this.duration = Timer.builder("marquee.privacy.saga.duration").tag("kind", kind)
                .description("Time from a request to its last service's answer")
                .publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("marquee.privacy.requests.pending", List.of(io.micrometer.core.instrument.Tag.of("kind", kind)),
                pending);
        registry.gauge("marquee.privacy.requests.overdue", List.of(io.micrometer.core.instrument.Tag.of("kind", kind)),
                overdue);
    }

    /** A new, unsaved request. */
    protected abstract R newRequest();

    /** The services that must answer. */
    protected abstract List<String> requiredServices();

    /**
     * The event that asks the services, for the request's current attempt.
     *
     * @param pending on a re-send, the services that have not answered (only they answer); null the first time
     */
    protected abstract Object event(R request, List<String> pending);

    /** The services that answered the request so far. */
    protected abstract Set<String> answered(UUID requestId);

    /** What this service does itself when a request starts, in its transaction; audited with the start. */
    protected Map<String, Object> started(R request) {
        return Map.of();
    }

    /**
     * Starts a request for the user, or returns the one already under way: asking twice does not start two
     * sagas.
     */
    @Transactional
    public R request(String userId) {
        locks.lockUser(userId);
        R current = find("userId = ?1 and status = ?2", userId, SagaRequest.PENDING).stream().findFirst()
                .orElse(null);
        if (current != null) {
            return current;
        }
        Instant now = Instant.now();
        R request = newRequest();
        request.id = UUID.randomUUID();
        request.userId = userId;
        request.status = SagaRequest.PENDING;
        request.requiredServices = List.copyOf(requiredServices());
        request.attempts = 0;
        request.requestedAt = now;
        request.lastSentAt = now;
        request.persist();
        Map<String, Object> details = new LinkedHashMap<>(started(request));
        publish(request, now, null);
        details.put("requiredServices", request.requiredServices);
        audit.append(kind + ".requested", userId, request.id, details);
        return request;
    }

    /** A page of the user's requests, newest first. */
    public ListPage<R> ofUser(String userId, int page, int size) {
        List<R> items = query("", type, "userId = ?1 order by requestedAt desc, id", userId)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        return new ListPage<>(items, page, size, count("userId = ?1", userId));
    }

    /**
     * Locks the request a service answers, for recording the answer.
     *
     * @throws InvalidEventException when there is no such request of the user (dead-letter the answer)
     */
    protected R lockAnswered(EventType answerType, String requestId, String userId) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(answerType, List.of("requestId is not a UUID"));
        }
        R request = Panache.getEntityManager().find(type, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !request.userId.equals(userId)) {
            throw new InvalidEventException(answerType, List.of("no " + kind + " request " + requestId
                    + " for this user"));
        }
        return request;
    }

    /**
     * After a service's answer was recorded: audits it and completes the request once every required service
     * answered. Call inside the transaction that recorded it, after {@link #lockAnswered}.
     */
    protected void answered(R request, String service, Map<String, ?> what) {
        audit.append(kind + ".answered", request.userId, request.id, Map.of("service", service, "what", what));
        Panache.getEntityManager().flush();
        Set<String> answered = answered(request.id);
        if (request.status.equals(SagaRequest.PENDING) && answered.containsAll(request.requiredServices)) {
            request.status = SagaRequest.COMPLETED;
            request.completedAt = Instant.now();
            duration.record(Duration.between(request.requestedAt, request.completedAt));
            audit.append(kind + ".completed", request.userId, request.id, Map.of("services", answered.stream()
                    .sorted().toList(), "millis", Duration.between(request.requestedAt, request.completedAt)
                    .toMillis()));
            LOG.infof("%s %s completed: %s", kind, request.id, answered);
        }
    }

    /**
     * Publishes pending requests again when a required service has not answered in time, and flags those
     * pending for longer than {@code overdue-after}.
     */
    @Transactional
    public void sweep() {
        Instant now = Instant.now();
        List<R> due = lockSkippingLocked("status = ?1 and lastSentAt < ?2", SagaRequest.PENDING,
                now.minus(config.sagas().resendAfter()));
        // Outbox keys in one order across sweeps (the erasure and the export sweep may run at once).
        due = due.stream().sorted(java.util.Comparator.comparing((R r) -> r.userId)).toList();
        Instant overdueBefore = now.minus(config.sagas().overdueAfter());
        List<Runnable> audits = new java.util.ArrayList<>();
        for (R request : due) {
            Set<String> waiting = new java.util.TreeSet<>(request.requiredServices);
            waiting.removeAll(answered(request.id));
            LOG.infof("%s %s still waits for %s after %d attempt(s); sending again", kind, request.id, waiting,
                    request.attempts);
            request.lastSentAt = now;
            publish(request, now, List.copyOf(waiting));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("attempt", request.attempts);
            details.put("waitingFor", List.copyOf(waiting));
            String action = kind + ".resent";
            if (request.overdueAt == null && request.requestedAt.isBefore(overdueBefore)) {
                request.overdueAt = now;
                action = kind + ".overdue";
                LOG.warnf("%s %s is overdue: requested %s, still waiting for %s", kind, request.id,
                        request.requestedAt, waiting);
            }
            String audited = action;
            audits.add(() -> audit.append(audited, request.userId, request.id, details));
        }
        // The audit lock is taken after every outbox lock, as everywhere else.
        audits.forEach(Runnable::run);
        pending.set(count("status = ?1", SagaRequest.PENDING));
        overdue.set(count("status = ?1 and overdueAt is not null", SagaRequest.PENDING));
    }

    /** Rows matching a condition, locked; rows locked by another transaction are skipped. */
    protected List<R> lockSkippingLocked(String where, Object... params) {
        return query("", type, where, params)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                .getResultList();
    }

    protected List<R> find(String where, Object... params) {
        return query("", type, where, params).getResultList();
    }

    private long count(String where, Object... params) {
        return query("select count(*) ", Long.class, where, params).getSingleResult();
    }

    /** A query over this saga's requests: {@code <select> from <entity> where <where>}, positional parameters. */
    private <T> jakarta.persistence.TypedQuery<T> query(String select, Class<T> as, String where, Object... params) {
        var query = Panache.getEntityManager().createQuery(select + "from " + type.getSimpleName() + " where "
                + where, as);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }

    private void publish(R request, Instant now, List<String> pending) {
        request.attempts++;
        outbox.add(EventEnvelope.forUser(request.userId, request.id + "/" + request.attempts,
                Privacy.EVENT_SOURCE, now, event(request, pending)));
    }
}
