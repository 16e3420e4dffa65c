package dev.marquee.privacy.service;

import dev.marquee.events.ConsentChanged;
import dev.marquee.events.ConsentPurpose;
import dev.marquee.events.EventEnvelope;
import dev.marquee.outbox.Locks;
import dev.marquee.outbox.Outbox;
import dev.marquee.privacy.ConsentChange;
import dev.marquee.privacy.ConsentState;
import dev.marquee.privacy.Privacy;
import dev.marquee.privacy.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The consent ledger, per user, brand and purpose. A change in one brand updates the user's current state in that
 * brand, appends one history entry per purpose that changed, publishes the user's complete new state (every brand)
 * on the compacted consent topic and records the change in the audit log, all in one transaction. The version is a
 * per-user sequence across brands, so the topic's consumers can order the states of a user.
 * Until a user decides in a brand, nothing is granted in it.
 */
@ApplicationScoped
public class ConsentService {
    private final Outbox outbox;
    private final Locks locks;
    private final AuditLog audit;

    public ConsentService(Outbox outbox, Locks locks, AuditLog audit) {
        this.outbox = outbox;
        this.locks = locks;
        this.audit = audit;
    }

    /** The current state in a brand; all purposes denied and version 0 where the user never decided. */
    public ConsentState current(String userId, String brand) {
        ConsentState state = ConsentState.find("userId = ?1 and brand = ?2", userId, brand).firstResult();
        return state != null ? state : undecided(userId, brand);
    }

    /**
     * Applies the decisions given; purposes not mentioned keep their value. A request that changes nothing
     * records and publishes nothing.
     */
    @Transactional
    public ConsentState change(String userId, String brand, Map<ConsentPurpose, Boolean> decisions,
                               String policyVersion, String source) {
        locks.lockUser(userId);
        List<ConsentState> brands = new ArrayList<>(ConsentState.everyBrand(userId));
        ConsentState state = brands.stream().filter(s -> s.brand.equals(brand)).findFirst().orElse(null);
        boolean isNew = state == null;
        if (isNew) {
            state = undecided(userId, brand);
        }
        List<ConsentPurpose> changed = new ArrayList<>();
        Map<String, Boolean> purposes = new LinkedHashMap<>(state.purposes);
        decisions.forEach((purpose, granted) -> {
            if (!granted.equals(purposes.get(purpose.wireName()))) {
                changed.add(purpose);
                purposes.put(purpose.wireName(), granted);
            }
        });
        if (changed.isEmpty() && !isNew && policyVersion.equals(state.policyVersion)) {
            return state;
        }
        Instant now = Instant.now();
        state.purposes = purposes;
        state.policyVersion = policyVersion;
        state.source = source;
        state.version = brands.stream().mapToLong(s -> s.version).max().orElse(0) + 1;
        state.updatedAt = now;
        if (isNew) {
            state.persist();
            brands.add(state);
        }
        for (ConsentPurpose purpose : changed) {
            ConsentChange entry = new ConsentChange();
            entry.userId = userId;
            entry.brand = brand;
            entry.purpose = purpose.wireName();
            entry.granted = purposes.get(purpose.wireName());
            entry.policyVersion = policyVersion;
            entry.source = source;
            entry.version = state.version;
            entry.recordedAt = now;
            entry.persist();
        }
        Map<String, Map<ConsentPurpose, Boolean>> everyBrand = new TreeMap<>();
        for (ConsentState decided : brands) {
            everyBrand.put(decided.brand, asEnumMap(decided.purposes));
        }
        ConsentChanged event = new ConsentChanged(userId, brand, asEnumMap(purposes), changed, policyVersion, source,
                state.version, now, everyBrand);
        outbox.add(EventEnvelope.forUser(userId, userId + "/consent/" + state.version,
                Privacy.EVENT_SOURCE, now, event));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("brand", brand);
        details.put("changed", changed.stream().collect(java.util.stream.Collectors.toMap(ConsentPurpose::wireName,
                p -> purposes.get(p.wireName()), (a, b) -> a, LinkedHashMap::new)));
        details.put("policyVersion", policyVersion);
        details.put("source", source);
        details.put("version", state.version);
        audit.append("consent.changed", userId, null, details);
        return state;
    }

    private static ConsentState undecided(String userId, String brand) {
        ConsentState state = new ConsentState();
        state.userId = userId;
        state.brand = brand;
        state.purposes = new LinkedHashMap<>();
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            state.purposes.put(purpose.wireName(), false);
        }
        state.policyVersion = "none";
        state.source = "default";
        state.version = 0;
        state.updatedAt = null;
        return state;
    }

    private static Map<ConsentPurpose, Boolean> asEnumMap(Map<String, Boolean> purposes) {
        Map<ConsentPurpose, Boolean> map = new EnumMap<>(ConsentPurpose.class);
        purposes.forEach((k, v) -> map.put(ConsentPurpose.fromWireName(k), v));
        return map;
    }
}
