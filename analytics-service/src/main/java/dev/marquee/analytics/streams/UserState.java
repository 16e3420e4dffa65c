package dev.marquee.analytics.streams;

import dev.marquee.events.CloudEventHeaders;
import dev.marquee.events.ErasureCompleted;
import dev.marquee.events.ErasureRequested;
import dev.marquee.events.EventCodec;
import dev.marquee.events.EventEnvelope;
import dev.marquee.events.EventType;
import dev.marquee.events.ExportContributed;
import dev.marquee.events.ExportRequested;
import dev.marquee.events.InvalidEventException;
import dev.marquee.events.Topic;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * analytics-service's side of the privacy sagas, inside the topology. Erasure and export requests are keyed by
 * user like the events, so each reaches the task that holds the user's entries: the ids of their events kept for
 * de-duplication ({@value Screen#SEEN_STORE}), the distinct-count markers
 * ({@value Observations#FIRST_SEEN_STORE}), when the user was first active ({@value Observations#FIRST_ACTIVE_STORE}),
 * conversation sessions ({@value Observations#SESSIONS_STORE}) and served lists ({@value Observations#SERVED_STORE}).
 * Every such entry's key starts with the user id ({@link Observations#userScoped}), so one key range per store
 * holds them all.
 * <ul>
 *     <li>An {@link ErasureRequested} deletes them and answers {@link ErasureCompleted} with the counts; the
 *     counts are kept per request ({@value #RECEIPTS_STORE}), so a re-sent request is answered with the same ones.
 *     Store deletions, the receipt and the answer commit together (exactly once). When the user was erased is
 *     kept ({@value #ERASED_STORE}) so that {@link Screen} drops their events from before it that arrive later.</li>
 *     <li>An {@link ExportRequested} answers {@link ExportContributed} with the entries.</li>
 * </ul>
 * What is not erased, because it holds no user: the per-window aggregates (counts over at least k users), the
 * pending tallies and the erasure receipts (request id and counts). The consent view is a global store fed by the
 * compacted consent topic, from which privacy-service removes the user with a tombstone.
 */
final class UserState implements Processor<String, String, String, String> {
    static final String RECEIPTS_STORE = "erasure-receipts";
    /** When each user was erased ({@link Screen} drops their events from before it); kept {@link #KEEP}. */
    static final String ERASED_STORE = "erased-users";
    /** After this long no event of a user from before their erasure can arrive: the topics' longest retention. */
    static final Duration KEEP = Topic.staleUserEventHorizon();
    static final String SERVICE = AnalyticsTopology.SERVICE;
    private static final Logger LOG = Logger.getLogger(UserState.class);

    private ProcessorContext<String, String> context;
    private WindowStore<String, Long> seenEvents;
    private WindowStore<String, String> firstSeen;
    private KeyValueStore<String, Long> firstActive;
    private WindowStore<String, String> sessions;
    private WindowStore<String, String> served;
    private KeyValueStore<String, String> consent;
    private KeyValueStore<String, String> receipts;
    private KeyValueStore<String, Long> erasedUsers;

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        seenEvents = context.getStateStore(Screen.SEEN_STORE);
        firstSeen = context.getStateStore(Observations.FIRST_SEEN_STORE);
        firstActive = context.getStateStore(Observations.FIRST_ACTIVE_STORE);
        sessions = context.getStateStore(Observations.SESSIONS_STORE);
        served = context.getStateStore(Observations.SERVED_STORE);
        consent = context.getStateStore(Observations.CONSENT_STORE);
        receipts = context.getStateStore(RECEIPTS_STORE);
        erasedUsers = context.getStateStore(ERASED_STORE);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::forgetOldErasures);
    }

    /** Forgets erasures from before any event that could still arrive. */
    private void forgetOldErasures(long now) {
        long before = now - KEEP.toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = erasedUsers.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value < before) {
                    old.add(kv.key);
                }
            });
        }
        old.forEach(erasedUsers::delete);
    }

    @Override
    public void process(Record<String, String> record) {
        Header typeHeader = record.headers().lastHeader(CloudEventHeaders.TYPE);
        String type = typeHeader == null ? null : new String(typeHeader.value(), StandardCharsets.UTF_8);
        try {
            if (EventType.ERASURE_REQUESTED.ceType().equals(type)) {
                ErasureRequested request = EventCodec.instance().decode(record.value(), ErasureRequested.class);
                if (request.asks(SERVICE)) {
                    erase(request);
                }
            } else if (EventType.EXPORT_REQUESTED.ceType().equals(type)) {
                ExportRequested request = EventCodec.instance().decode(record.value(), ExportRequested.class);
                if (request.asks(SERVICE)) {
                    export(request);
                }
            } else {
                throw new InvalidEventException(EventType.ERASURE_REQUESTED, List.of(type == null
                        ? "the ce_type header is missing" : "unexpected ce_type '" + type + "'"));
            }
        } catch (InvalidEventException e) {
            Record<String, String> dead = record.withHeaders(new RecordHeaders(record.headers().toArray()));
            dead.headers().add(AnalyticsTopology.DEAD_LETTER_REASON, e.getMessage().getBytes(StandardCharsets.UTF_8));
            context.forward(dead);
        }
    }

    private void erase(ErasureRequested request) {
        Map<String, Long> erased;
        String previous = receipts.get(request.requestId());
        if (previous != null) {
            erased = readCounts(previous);
            LOG.infof("erasure %s (attempt %d) was done before; confirming again", request.requestId(),
                    request.attempt());
        } else {
            String user = request.userId();
            erased = new LinkedHashMap<>();
            // One entry holds many markers: the count is of markers, as the export lists them.
            List<KeyValue<Windowed<String>, String>> markerEntries = find(firstSeen, user);
            erased.put("activityMarkers", markerEntries.stream()
                    .mapToLong(entry -> Observations.markersOf(entry.value).size()).sum());
            delete(firstSeen, markerEntries);
            erased.put("firstActive", firstActive.delete(user) == null ? 0L : 1L);
            erased.put("conversationSessions", eraseWindowed(sessions, user));
            erased.put("servedLists", eraseWindowed(served, user));
            erased.put("receivedEventIds", eraseWindowed(seenEvents, user));
            receipts.put(request.requestId(), writeCounts(erased));
            // Events of the user from before now that arrive later (in flight, or behind a backlog) are stale.
            Long before = erasedUsers.get(user);
            erasedUsers.put(user, Math.max(before == null ? 0 : before, System.currentTimeMillis()));
            LOG.infof("erasure %s: erased %s", request.requestId(), erased);
        }
        Instant now = Instant.now();
        answer(new ErasureCompleted(request.requestId(), request.userId(), SERVICE, erased, now),
                request.answerId(SERVICE), request.userId(), now);
    }

    private void export(ExportRequested request) {
        String user = request.userId();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("activityMarkers", activityMarkers(user));
        Long active = firstActive.get(user);
        data.put("firstActive", active == null ? List.of() : List.of(Map.of("at", Instant.ofEpochMilli(active))));
        data.put("conversationSessions", entries(sessions, user, (rest, window, value) -> Map.of(
                "conversationId", rest, "startedAt", Instant.ofEpochMilli(window),
                "lastTurnAt", Instant.ofEpochMilli(Long.parseLong(value.substring(0, value.indexOf('|')))),
                "dimensions", value.substring(value.indexOf('|') + 1))));
        data.put("servedLists", entries(served, user, (rest, window, value) -> Map.of(
                "recommendationId", rest, "servedAt", Instant.ofEpochMilli(window), "dimensions", value)));
        data.put("receivedEventIds", entries(seenEvents, user, (rest, window, value) -> Map.of(
                "eventId", rest, "at", Instant.ofEpochMilli(window))));
        String analytics = consent.get(user);
        data.put("analyticsConsent", analytics == null ? List.of()
                : List.of(Map.of("grantedInBrands", Observations.brandsOf(analytics))));
        Instant now = Instant.now();
        answer(new ExportContributed(request.requestId(), user, SERVICE, data, now).fittingOneRecord(),
                request.answerId(SERVICE), user, now);
    }

    private void answer(Object event, String id, String user, Instant now) {
        EventEnvelope envelope = EventEnvelope.forUser(user, id, CloudEventHeaders.sourceOf(SERVICE), now, event);
        context.forward(new Record<>(user, EventCodec.instance().encode(event), now.toEpochMilli(),
                AnalyticsTopology.headersOf(envelope)));
    }

    /** Every distinct-count marker of the user: its window's granularity and start, and what it marks. */
    private List<Map<String, Object>> activityMarkers(String user) {
        List<Map<String, Object>> markers = new ArrayList<>();
        for (KeyValue<Windowed<String>, String> entry : find(firstSeen, user)) {
            String kind = entry.key.key().substring(entry.key.key().lastIndexOf('|') + 1);
            for (String marker : Observations.markersOf(entry.value)) {
                markers.add(Map.of("marker", kind + "|" + marker,
                        "windowStart", Instant.ofEpochMilli(entry.key.window().start())));
            }
        }
        return markers;
    }

    /** Deletes every window of every key of the user; how many entries were deleted. */
    private static <V> long eraseWindowed(WindowStore<String, V> store, String user) {
        List<KeyValue<Windowed<String>, V>> found = find(store, user);
        delete(store, found);
        return found.size();
    }

    private static <V> void delete(WindowStore<String, V> store, List<KeyValue<Windowed<String>, V>> entries) {
        for (KeyValue<Windowed<String>, V> entry : entries) {
            store.put(entry.key.key(), null, entry.key.window().start());
        }
    }

    private interface EntryView<V> {
        Map<String, Object> of(String rest, long window, V value);
    }

    private static <V> List<Map<String, Object>> entries(WindowStore<String, V> store, String user,
                                                         EntryView<V> view) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (KeyValue<Windowed<String>, V> entry : find(store, user)) {
            String rest = entry.key.key().substring(user.length() + 1);
            entries.add(view.of(rest, entry.key.window().start(), entry.value));
        }
        return entries;
    }

    /** The user's entries: the keys from "user + separator" up to (excluding) "user + next character". */
    private static <V> List<KeyValue<Windowed<String>, V>> find(WindowStore<String, V> store, String user) {
        String prefix = Observations.userScoped(user, "");
        String after = user + (char) (Observations.USER_SEPARATOR + 1);
        List<KeyValue<Windowed<String>, V>> found = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, V> it = store.fetch(prefix, after, Instant.EPOCH,
                Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, V> entry = it.next();
                if (entry.key.key().startsWith(prefix)) {
                    found.add(entry);
                }
            }
        }
        return found;
    }

    private static Map<String, Long> readCounts(String json) {
        try {
            return EventCodec.instance().mapper().readValue(json,
                    new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Long>>() {
                    });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable erasure receipt", e);
        }
    }

    private static String writeCounts(Map<String, Long> counts) {
        try {
            return EventCodec.instance().mapper().writeValueAsString(counts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
