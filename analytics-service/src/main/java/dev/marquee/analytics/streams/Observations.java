package dev.marquee.analytics.streams;

import dev.marquee.analytics.config.AnalyticsConfig;
import dev.marquee.events.Interaction;
import dev.marquee.events.InteractionType;
import dev.marquee.events.RecommendationServed;
import dev.marquee.events.TurnCompleted;
import dev.marquee.events.TurnFeedback;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each screened event into the {@link Fact facts} it adds to the aggregates, on the partition of its user
 * (every input topic is keyed by user id, so a user's events, served lists and turns meet on one task). Every
 * entry kept about a user (markers, sessions, served lists) is keyed by {@link #userScoped user id first}, so
 * that {@link UserState} can find, export and erase all of them; conversions are attributed to a list served to
 * the same user.
 * <p>
 * The distinct counts are exact: a user, conversation or served list adds 1 only the first time it is seen in a
 * window ({@value #FIRST_SEEN_STORE}). Users without analytics consent in the event's brand
 * ({@value #CONSENT_STORE}, fed by the compacted consent topic) add to turns, lists and rates but never as users,
 * and nothing about them is kept per user. Also kept, each for as long as it is needed: when a consenting user was first active (returning users),
 * the span of each conversation's session, each turn's channel and persona (feedback arrives later, naming only
 * the turn) and each served list's dimensions (conversions are attributed to the list by recommendation id).
 * <p>
 * Facts are combined on the task before they are repartitioned: each adds to a pending tally per aggregate and
 * window ({@value #PENDING_STORE}), and the pending tallies are forwarded and cleared in each commit
 * ({@link PendingTallies}), so they commit with the input offsets. One record per aggregate, window and commit then
 * crosses the repartition topic instead of one per fact. An event whose window has been closed for longer than
 * the grace period (by this partition's stream time) is left out of that window here, and the event counted
 * ({@code marquee_analytics_late_events_total}).
 */
final class Observations implements Processor<String, Classified, String, Tally> {
    static final String FIRST_SEEN_STORE = "first-seen-markers";
    static final String FIRST_ACTIVE_STORE = "user-first-active";
    static final String SESSIONS_STORE = "conversation-sessions";
    static final String PENDING_STORE = "pending-facts";
    static final String SERVED_STORE = "served-lists";
    /** Per user, the brands in which they consent to analytics ({@link #consentValue}). */
    static final String CONSENT_STORE = "analytics-consent-brands";
    static final String UNKNOWN = "unknown";
    /** Ends the user id at the start of a per-user key; user ids (token subjects) hold no control characters. */
    static final char USER_SEPARATOR = '\u001f';
    /** Ends each marker in a marker entry's value. */
    static final char MARKER_SEPARATOR = '\u001e';

    private static final Map<InteractionType, Integer> STAGES = Map.of(
            InteractionType.IMPRESSION, Family.IMPRESSIONS,
            InteractionType.CLICK, Family.CLICKS,
            InteractionType.PLAY, Family.PLAYS,
            InteractionType.COMPLETE, Family.COMPLETES,
            InteractionType.PURCHASE, Family.PURCHASES);

    private final AnalyticsConfig config;
    private final long graceMillis;
    private final Runnable lateEvent;
    private ProcessorContext<String, Tally> context;
    private WindowStore<String, String> firstSeen;
    /** The marker sets this event read, by entry; written back once, at the end of the event, if it added any. */
    private final Map<MarkerEntry, MarkerSet> markers = new HashMap<>();
    private KeyValueStore<String, Long> firstActive;
    private WindowStore<String, String> sessions;
    private PendingTallies pending;
    private WindowStore<String, String> served;
    private KeyValueStore<String, String> consent;
    private boolean late;

    /**
     * @param grace     how long after its window ends an event still counts
     * @param lateEvent told of each event dropped for being later than that
     */
    Observations(AnalyticsConfig config, Duration grace, Runnable lateEvent) {
        this.config = config;
        this.graceMillis = grace.toMillis();
        this.lateEvent = lateEvent;
    }

    @Override
    public void init(ProcessorContext<String, Tally> context) {
        this.context = context;
        firstSeen = context.getStateStore(FIRST_SEEN_STORE);
        firstActive = context.getStateStore(FIRST_ACTIVE_STORE);
        sessions = context.getStateStore(SESSIONS_STORE);
        pending = context.getStateStore(PENDING_STORE);
        pending.forwardFrom(context);
        served = context.getStateStore(SERVED_STORE);
        consent = context.getStateStore(CONSENT_STORE);
    }

    @Override
    public void process(Record<String, Classified> record) {
        long time = record.timestamp();
        late = false;
        markers.clear(); // the entries the previous event read
        switch (record.value().event()) {
            case TurnCompleted turn -> turn(turn, time);
            case TurnFeedback feedback -> feedback(feedback, time);
            case RecommendationServed list -> served(list, time);
            case Interaction interaction -> interaction(interaction, time);
            case null, default -> {
            }
        }
        if (late) {
            lateEvent.run();
        }
        for (Map.Entry<MarkerEntry, MarkerSet> entry : markers.entrySet()) {
            if (entry.getValue().added) {
                firstSeen.put(entry.getKey().key(), entry.getValue().value.toString(), entry.getKey().window());
            }
        }
    }

    private void turn(TurnCompleted turn, long time) {
        boolean counted = analyticsConsent(turn.userId(), turn.brand());
        String dims = join(turn.brand(), turn.channel(), turn.persona());
        String usage = join(turn.responder(), turn.persona());
        Long firstActiveAt = counted ? firstActive.get(turn.userId()) : null;
        for (Granularity g : Granularity.values()) {
            long window = g.windowStart(time);
            Fact engagement = Fact.of(Family.ENGAGEMENT, g, dims);
            engagement.counters()[Family.TURNS] = 1;
            if (firstTime(turn.userId(), g, window, "c|" + dims + "|" + turn.conversationId())) {
                engagement.counters()[Family.CONVERSATIONS] = 1;
            }
            if (counted && firstTime(turn.userId(), g, window, userMarker(Family.ENGAGEMENT, dims))) {
                engagement.counters()[Family.USERS] = 1;
                if (firstActiveAt != null && firstActiveAt < window) {
                    engagement.counters()[Family.RETURNING] = 1;
                }
            }
            forward(engagement, time);

            Fact satisfaction = Fact.of(Family.SATISFACTION, g, dims);
            long[] s = satisfaction.counters();
            s[Family.SAT_TURNS] = 1;
            s[Family.HANDOFFS] = turn.handoff() ? 1 : 0;
            s[Family.GUARDRAIL_TURNS] = turn.guardrails() == null || turn.guardrails().isEmpty() ? 0 : 1;
            s[Family.FALLBACKS] = turn.fallback() ? 1 : 0;
            s[Family.USERS] = counted && firstTime(turn.userId(), g, window, userMarker(Family.SATISFACTION, dims))
                    ? 1 : 0;
            forward(satisfaction, time);

            Fact model = Fact.of(Family.MODEL_USAGE, g, usage)
                    .withLatencyBucket(LatencyHistogram.bucketOf(turn.latencyMs()));
            long[] m = model.counters();
            m[Family.USAGE_TURNS] = 1;
            m[Family.TOKENS_IN] = turn.tokensIn() == null ? 0 : turn.tokensIn();
            m[Family.TOKENS_OUT] = turn.tokensOut() == null ? 0 : turn.tokensOut();
            m[Family.USERS] = counted && firstTime(turn.userId(), g, window, userMarker(Family.MODEL_USAGE, usage))
                    ? 1 : 0;
            forward(model, time);
        }
        session(turn, dims, time);
        if (counted && (firstActiveAt == null || time < firstActiveAt)) {
            firstActive.put(turn.userId(), time);
        }
    }

    /**
     * A conversation's session runs from its first turn to its last, until {@code session-timeout} passes without
     * a turn. Its growth is added to the engagement of the window the session started in. The session's entry
     * ({@code last|brand|channel|persona} at its start) also tells feedback on the conversation where it belongs.
     */
    private void session(TurnCompleted turn, String dims, long time) {
        long timeout = config.sessionTimeout().toMillis();
        long start = time;
        long last = time;
        boolean known = false;
        String sessionKey = userScoped(turn.userId(), turn.conversationId());
        try (WindowStoreIterator<String> it = sessions.backwardFetch(sessionKey,
                time - Granularity.DAY.size().toMillis(), time)) {
            if (it.hasNext()) {
                var kv = it.next();
                long previousLast = Long.parseLong(kv.value.substring(0, kv.value.indexOf('|')));
                if (time - previousLast <= timeout) {
                    start = kv.key;
                    last = Math.max(previousLast, time);
                    known = true;
                    if (last > previousLast) {
                        addSession(dims, start, last - previousLast, false);
                    }
                }
            }
        }
        if (!known) {
            addSession(dims, start, 0, true);
        }
        sessions.put(sessionKey, last + "|" + dims, start);
    }

    private void addSession(String dims, long start, long millis, boolean started) {
        for (Granularity g : Granularity.values()) {
            Fact fact = Fact.of(Family.ENGAGEMENT, g, dims);
            fact.counters()[Family.SESSION_MILLIS] = millis;
            fact.counters()[Family.SESSIONS] = started ? 1 : 0;
            forward(fact, start);
        }
    }

    private void feedback(TurnFeedback feedback, long time) {
        boolean counted = analyticsConsent(feedback.userId(), feedback.brand());
        String dims = join(feedback.brand(), UNKNOWN, UNKNOWN);
        long horizon = config.feedbackWindow().toMillis();
        try (WindowStoreIterator<String> it = sessions.backwardFetch(
                userScoped(feedback.userId(), feedback.conversationId()), time - horizon, time)) {
            if (it.hasNext()) {
                String value = it.next().value;
                dims = value.substring(value.indexOf('|') + 1);
            }
        }
        for (Granularity g : Granularity.values()) {
            Fact satisfaction = Fact.of(Family.SATISFACTION, g, dims);
            long[] s = satisfaction.counters();
            s[feedback.rating() == TurnFeedback.Rating.UP ? Family.THUMBS_UP : Family.THUMBS_DOWN] = 1;
            s[Family.USERS] = counted && firstTime(feedback.userId(), g, g.windowStart(time),
                    userMarker(Family.SATISFACTION, dims)) ? 1 : 0;
            forward(satisfaction, time);
        }
    }

    private void served(RecommendationServed list, long time) {
        boolean counted = analyticsConsent(list.userId(), list.brand());
        String dims = join(list.brand(), list.source(), list.strategy(), list.variant());
        served.put(userScoped(list.userId(), list.recommendationId()), dims, time);
        for (Granularity g : Granularity.values()) {
            Fact conversion = Fact.of(Family.CONVERSION, g, dims);
            conversion.counters()[Family.SERVED] = 1;
            conversion.counters()[Family.USERS] = counted
                    && firstTime(list.userId(), g, g.windowStart(time), userMarker(Family.CONVERSION, dims)) ? 1 : 0;
            forward(conversion, time);
        }
    }

    /** An interaction with a recommendation id moves its list down the funnel, once per list and stage. */
    private void interaction(Interaction interaction, long time) {
        Integer stage = STAGES.get(interaction.type());
        if (stage == null || interaction.recommendationId() == null) {
            return;
        }
        long attribution = config.attributionWindow().toMillis();
        String dims = null;
        long servedAt = 0;
        try (WindowStoreIterator<String> it = served.backwardFetch(
                userScoped(interaction.userId(), interaction.recommendationId()), time - attribution, time)) {
            if (it.hasNext()) {
                var kv = it.next();
                servedAt = kv.key;
                dims = kv.value;
            }
        }
        if (dims == null || !firstTime(interaction.userId(), null, servedAt,
                "s|" + interaction.recommendationId() + "|" + stage)) {
            return;
        }
        for (Granularity g : Granularity.values()) {
            Fact conversion = Fact.of(Family.CONVERSION, g, dims);
            conversion.counters()[stage] = 1;
            forward(conversion, servedAt);
        }
    }

    private boolean analyticsConsent(String userId, String brand) {
        return userId != null && brand != null && grants(consent.get(userId), brand);
    }

    /** The consent store's value for the brands granting analytics consent: each brand between separators. */
    static String consentValue(java.util.Collection<String> brands) {
        StringBuilder value = new StringBuilder().append(USER_SEPARATOR);
        for (String brand : brands) {
            value.append(brand).append(USER_SEPARATOR);
        }
        return value.toString();
    }

    /** Whether a consent store value grants analytics consent in the brand. */
    static boolean grants(String consentValue, String brand) {
        return consentValue != null && consentValue.contains(USER_SEPARATOR + brand + USER_SEPARATOR);
    }

    /** The brands of a consent store value. */
    static List<String> brandsOf(String consentValue) {
        return consentValue.length() <= 1 ? List.of()
                : List.of(consentValue.substring(1, consentValue.length() - 1).split(String.valueOf(USER_SEPARATOR)));
    }

    /**
     * Whether a marker is new among the user's markers of a window; remembers it. The markers of one user and
     * window share one entry ({@link #markerEntry}), so an event reads and writes at most one entry per window
     * instead of one per marker: each write is a changelog record.
     *
     * @param granularity the window's granularity, or null for a served list's stages (kept at its serving time)
     */
    private boolean firstTime(String userId, Granularity granularity, long window, String marker) {
        MarkerSet set = markers.computeIfAbsent(new MarkerEntry(markerEntry(userId, granularity), window),
                entry -> new MarkerSet(firstSeen.fetch(entry.key(), entry.window())));
        return set.add(marker);
    }

    /** The key of a user's marker entry of one granularity (or of served lists' stages). */
    static String markerEntry(String userId, Granularity granularity) {
        return userScoped(userId, "m|" + (granularity == null ? "served" : granularity.wireName()));
    }

    private static String userMarker(Family family, String dims) {
        return "u|" + family.ordinal() + "|" + dims;
    }

    /** The markers in an entry's value. */
    static List<String> markersOf(String value) {
        return value == null || value.length() <= 1 ? List.of()
                : List.of(value.substring(1, value.length() - 1).split(String.valueOf(MARKER_SEPARATOR)));
    }

    private record MarkerEntry(String key, long window) {
    }

    /** A marker entry's value: each marker between separators. */
    private static final class MarkerSet {
        private final StringBuilder value;
        private boolean added;

        MarkerSet(String stored) {
            value = new StringBuilder(stored == null ? String.valueOf(MARKER_SEPARATOR) : stored);
        }

        boolean add(String marker) {
            String clean = marker.replace(MARKER_SEPARATOR, ' ');
            int at = value.indexOf(clean);
            while (at >= 0) {
                if (value.charAt(at - 1) == MARKER_SEPARATOR && at + clean.length() < value.length()
                        && value.charAt(at + clean.length()) == MARKER_SEPARATOR) {
                    return false;
                }
                at = value.indexOf(clean, at + 1);
            }
            value.append(clean).append(MARKER_SEPARATOR);
            added = true;
            return true;
        }
    }

    /**
     * The key of an entry that belongs to a user: the user id, the unit separator, then the rest. Every per-user
     * entry starts with it, so that a user's entries form one key range ({@link UserState} finds them by it).
     */
    static String userScoped(String userId, String rest) {
        return (userId == null ? "" : userId) + USER_SEPARATOR + rest;
    }

    /** Adds a fact to the pending tally of its aggregate and window. */
    private void forward(Fact fact, long timestamp) {
        if (fact.addsNothing()) {
            return;
        }
        long window = fact.granularity().windowStart(timestamp);
        if (window + fact.granularity().size().toMillis() + graceMillis <= context.currentStreamTimeMs()) {
            late = true;
            return;
        }
        pending.add(fact.aggregateKey(), window, fact, timestamp);
    }

    static String join(String... values) {
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            if (!b.isEmpty()) {
                b.append('|');
            }
            b.append(v == null || v.isBlank() ? UNKNOWN : v.replace('|', '/'));
        }
        return b.toString();
    }
}
