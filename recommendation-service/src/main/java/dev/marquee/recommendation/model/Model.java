package dev.marquee.recommendation.model;

import dev.marquee.events.InteractionType;
import dev.marquee.recommendation.TitleKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The recommender's state and scorers, in memory, updated one interaction at a time:
 * <ul>
 *     <li><b>trending</b>: popularity with exponential time decay. Each interaction adds
 *     {@code weight * 2^((t - epoch) / halfLife)} to its title, so the ranking by the sums is the ranking by decayed
 *     popularity at any moment; the epoch moves forward now and then (all sums rescaled) so nothing overflows;</li>
 *     <li><b>collaborative</b>: item-item co-occurrence on implicit feedback. A user's new positive title is paired
 *     with their last few distinct positive titles; similarity is the count over the geometric mean of the two
 *     titles' user counts (cosine on binary user vectors);</li>
 *     <li><b>content</b>: cosine between a title's embedding (synopsis and genres) and the user's recent positive
 *     titles;</li>
 *     <li><b>profile</b>: the user's affinity to the title's genres, from their history and from tastes stated in
 *     conversation (which is what a new user has).</li>
 * </ul>
 * A request gathers candidates (trending titles, co-occurrence neighbours, the user's genres), scores each with
 * every scorer, blends the normalised scores with the strategy's weights, re-ranks the best for diversity
 * (maximal marginal relevance) and explains every item by the scorer that contributed most.
 * <p>
 * Only users with personalization consent are learned from or personalised for; every user counts towards
 * trending. One thread writes (ingestion), any number read (requests).
 */
public final class Model {
    private static final float RECENCY = 0.85f;
    private static final InteractionType[] TYPES = InteractionType.values();
    /** How many candidates, the best by the other scorers, get a content score. */
    private static final int CONTENT_SHORTLIST = 300;
    /**
     * Stated tastes kept per user, the most recent: each is compared with every candidate, and a user who says
     * "something funny" every evening has one taste, not hundreds.
     */
    static final int STATED_PREFERENCES = 16;

    private final CatalogSnapshot catalog;
    private final ModelSettings settings;
    private final double halfLifeMillis;
    private final double[] popularity;
    private final int[] positiveUsers;
    private final Neighbors[] neighbours;
    private final Map<String, UserState> users = new ConcurrentHashMap<>();
    private final AtomicBoolean sorting = new AtomicBoolean();
    private volatile long epoch;
    private volatile TrendingOrder trendingOrder;
    private volatile boolean sortedInBackground;
    private long interactions;

    public Model(CatalogSnapshot catalog, ModelSettings settings, long epoch) {
        this.catalog = catalog;
        this.settings = settings;
        this.halfLifeMillis = settings.halfLife().toMillis();
        this.popularity = new double[catalog.size()];
        this.positiveUsers = new int[catalog.size()];
        this.neighbours = new Neighbors[catalog.size()];
        this.epoch = epoch;
        this.trendingOrder = sortTrending(epoch);
    }

    public CatalogSnapshot catalog() {
        return catalog;
    }

    public ModelSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------------------------------------- learning

    /**
     * Learns from one interaction.
     *
     * @return false when the catalog does not have the title (nothing changes)
     */
    public synchronized boolean ingest(String userId, String titleId, InteractionType type, Integer rating,
                                       long occurredAt) {
        return ingest(userId, titleId, type, rating, occurredAt, null);
    }

    /**
     * Learns from one interaction in a brand: it counts for trending whatever the consent, and for the user's pairs
     * and profile only with personalization consent in that brand.
     *
     * @param brand the brand it happened in; null when not known
     * @return false when the catalog does not have the title (nothing changes)
     */
    public synchronized boolean ingest(String userId, String titleId, InteractionType type, Integer rating,
                                       long occurredAt, String brand) {
        int t = catalog.indexOf(titleId);
        if (t < 0) {
            return false;
        }
        double weight = settings.weight(type, rating);
        double growth = growth(occurredAt); // first: it may rescale every sum, this title's too
        popularity[t] += weight * growth;
        UserState user = users.computeIfAbsent(userId, id -> new UserState());
        synchronized (user) {
            user.append(t, (byte) type.ordinal(), rating == null ? 0 : rating, occurredAt, brandCode(brand));
            if (weight > 0 && user.consented(user.size() - 1)) {
                pair(user, t, 1);
            }
        }
        interactions++;
        return true;
    }

    /**
     * Records that personalization consent is given or withdrawn, for lists in any brand (offline evaluation, which
     * knows no brands); learns or unlearns the user's history.
     */
    public void personalization(String userId, boolean allowed) {
        personalization(userId, allowed, null);
    }

    /**
     * Records the brands in which the user consents to personalization: their history is learned while there is
     * at least one, and used only for lists in those brands. No brands unlearns it.
     */
    public void personalization(String userId, Set<String> brands) {
        personalization(userId, !brands.isEmpty(), brands.isEmpty() ? null : Set.copyOf(brands));
    }

    private synchronized void personalization(String userId, boolean allowed, Set<String> brands) {
        UserState user = users.computeIfAbsent(userId, id -> new UserState());
        synchronized (user) {
            short[] codes = brands == null ? null : codesOf(brands);
            if (user.personalized == allowed && (!allowed || Arrays.equals(codes, user.brandCodeSet))) {
                user.brands = brands;
                user.brandCodeSet = codes;
                return;
            }
            if (user.personalized) {
                replayPairs(user, -1); // takes back what was learned, under the brands it was learned with
            }
            user.brands = brands;
            user.brandCodeSet = codes;
            if (allowed) {
                user.personalized = true;
                replayPairs(user, 1);
            } else {
                user.personalized = false;
                user.clearDerived();
                user.preferences.clear();
            }
        }
    }

    /**
     * Records a taste stated in conversation; used only while the user's personalization consent holds. A taste
     * stated again (same sentiment, genres and phrases) moves to the most recent place instead of counting twice;
     * only the {@value #STATED_PREFERENCES} most recent tastes are kept.
     *
     * @param vector unit embedding of the phrases, or null
     */
    public void statePreference(String userId, boolean like, Collection<String> genres, List<String> phrases,
                                float[] vector) {
        UserState user = users.computeIfAbsent(userId, id -> new UserState());
        int[] ids = genres.stream().mapToInt(catalog::genreIdOf).filter(g -> g >= 0).toArray();
        synchronized (user) {
            user.preferences.removeIf(p -> p.like() == like && Arrays.equals(p.genres(), ids)
                    && p.phrases().equals(phrases));
            user.preferences.add(new UserState.StatedPreference(like, ids, List.copyOf(phrases),
                    vector == null ? null : Vectors.probe(vector)));
            if (user.preferences.size() > STATED_PREFERENCES) {
                user.preferences.removeFirst();
            }
        }
    }

    /** How many stated tastes the model holds for a user. */
    int statedPreferences(String userId) {
        UserState user = users.get(userId);
        if (user == null) {
            return 0;
        }
        synchronized (user) {
            return user.preferences.size();
        }
    }

    /**
     * Forgets a user: their interactions leave trending, the co-occurrence counts and user counts they added are
     * taken back, and their history, preferences and consent flag are dropped.
     *
     * @return how many interactions were forgotten
     */
    public synchronized int erase(String userId) {
        UserState user = users.remove(userId);
        if (user == null) {
            return 0;
        }
        synchronized (user) {
            if (user.personalized) {
                replayPairs(user, -1);
            }
            for (int i = 0; i < user.size(); i++) {
                popularity[user.title(i)] -= weight(user, i) * growth(user.time(i));
            }
            interactions -= user.size();
            return user.size();
        }
    }

    /**
     * Forgets every interaction that happened before {@code before} (its retention period ended): it leaves
     * trending, the pairs and user counts formed with it are taken back (the users' remaining histories are paired
     * again, as when consent is withdrawn and given again), and it leaves the user's history. A user left with no
     * interactions, tastes or consent is dropped.
     *
     * @return how many interactions were forgotten
     */
    public synchronized long forget(long before) {
        long forgotten = 0;
        for (var entries = users.entrySet().iterator(); entries.hasNext(); ) {
            UserState user = entries.next().getValue();
            synchronized (user) {
                int expired = 0;
                for (int i = 0; i < user.size(); i++) {
                    if (user.time(i) < before) {
                        popularity[user.title(i)] -= weight(user, i) * growth(user.time(i));
                        expired++;
                    }
                }
                if (expired == 0) {
                    continue;
                }
                if (user.personalized) {
                    replayPairs(user, -1);
                }
                user.removeBefore(before);
                if (user.personalized) {
                    replayPairs(user, 1);
                }
                forgotten += expired;
                if (user.size() == 0 && !user.personalized && user.preferences.isEmpty()) {
                    entries.remove();
                }
            }
        }
        interactions -= forgotten;
        return forgotten;
    }

    private double weight(UserState user, int i) {
        InteractionType type = TYPES[user.type(i)];
        return settings.weight(type, type == InteractionType.RATING ? user.rating(i) : null);
    }

    /**
     * Adds ({@code sign} 1) or takes back (-1) every pair the user's history forms, replaying in order what consent
     * allows (the caller makes sure {@code personalized} and the brands are what they were when it was added).
     */
    private void replayPairs(UserState user, int sign) {
        user.clearDerived();
        for (int i = 0; i < user.size(); i++) {
            if (weight(user, i) > 0 && user.consented(i)) {
                pair(user, user.title(i), sign);
            }
        }
        if (sign < 0) {
            user.clearDerived();
        }
    }

    /** A positive interaction with {@code t}: pairs it with the user's window when it is new for the user. */
    private void pair(UserState user, int t, int sign) {
        if (!user.positives.add(t)) {
            return;
        }
        positiveUsers[t] = Math.max(0, positiveUsers[t] + sign);
        for (int h : user.window) {
            neighboursOf(h).add(t, sign);
            neighboursOf(t).add(h, sign);
        }
        int[] window = user.window;
        int keep = Math.min(window.length, settings.window() - 1);
        int[] next = Arrays.copyOfRange(window, window.length - keep, window.length + 1);
        next[keep] = t;
        user.window = next;
    }

    private Neighbors neighboursOf(int t) {
        Neighbors n = neighbours[t];
        if (n == null) {
            n = new Neighbors(settings.neighbours());
            neighbours[t] = n;
        }
        return n;
    }

    /** Decay growth of a moment relative to the epoch; moves the epoch forward when scores would grow large. */
    private double growth(long when) {
        double halfLives = (when - epoch) / halfLifeMillis;
        if (halfLives > 60) {
            rebase(when);
            halfLives = 0;
        }
        return Math.pow(2, halfLives);
    }

    private void rebase(long newEpoch) {
        double factor = Math.pow(2, (epoch - newEpoch) / halfLifeMillis);
        for (int t = 0; t < popularity.length; t++) {
            popularity[t] *= factor;
        }
        epoch = newEpoch;
    }

    /** Decayed popularity of a title now, in weighted interactions. */
    public double popularityAt(int t, long now) {
        return popularity[t] / Math.pow(2, (now - epoch) / halfLifeMillis);
    }

    public long interactions() {
        return interactions;
    }

    public int users() {
        return users.size();
    }

    /**
     * The brands seen, numbered from 1 in the order they were first seen; 0 stands for "not known". Changed only
     * under the model's lock.
     */
    private final Map<String, Short> brandCodes = new java.util.HashMap<>();

    private short brandCode(String brand) {
        if (brand == null) {
            return 0;
        }
        return brandCodes.computeIfAbsent(brand, b -> {
            if (brandCodes.size() >= Short.MAX_VALUE) {
                throw new IllegalStateException("more than " + Short.MAX_VALUE + " brands");
            }
            return (short) (brandCodes.size() + 1);
        });
    }

    private short[] codesOf(Set<String> brands) {
        short[] codes = new short[brands.size()];
        int i = 0;
        for (String brand : brands) {
            codes[i++] = brandCode(brand);
        }
        Arrays.sort(codes);
        return codes;
    }

    /** Whether the user's history may be used for a list in the brand (any brand when {@code null}). */
    private static boolean usableIn(UserState user, String brand) {
        synchronized (user) {
            return brand == null || user.brands == null || user.brands.contains(brand);
        }
    }

    /** Whether the user's personalization consent (in any brand) is known to this model. */
    public boolean personalized(String userId) {
        UserState user = users.get(userId);
        return user != null && user.personalized;
    }

    /** Approximate heap bytes of the learned state (not the catalog), for the memory report. */
    public long bytes() {
        long total = popularity.length * 12L + neighbours.length * 4L;
        for (Neighbors n : neighbours) {
            total += n == null ? 0 : 48 + n.size() * 8L;
        }
        for (UserState user : users.values()) {
            total += 64 + user.bytes();
        }
        return total;
    }

    // ---------------------------------------------------------------------------------------------- trending

    /** The catalog sorted by decayed popularity (cold titles by release year), with each genre's own order. */
    private record TrendingOrder(long sortedAt, int[] order, int[][] byGenre) {
    }

    /**
     * Re-sorts the trending order now; a service calls this on a schedule so that requests never pay for the
     * sort (they sort themselves only when nothing else did for five refresh intervals, or without a schedule).
     */
    public void refreshTrending(long now) {
        sortedInBackground = true;
        if (sorting.compareAndSet(false, true)) {
            try {
                trendingOrder = sortTrending(now);
            } finally {
                sorting.set(false);
            }
        }
    }

    private TrendingOrder trending(long now) {
        TrendingOrder current = trendingOrder;
        long refresh = settings.trendingRefresh().toMillis();
        long age = now - current.sortedAt();
        boolean due = sortedInBackground ? age >= 5 * Math.max(refresh, 1) : age >= refresh;
        if (due && sorting.compareAndSet(false, true)) {
            try {
                current = sortTrending(now);
                trendingOrder = current;
            } finally {
                sorting.set(false);
            }
        }
        return current;
    }

    private TrendingOrder sortTrending(long now) {
        int n = catalog.size();
        long[] keys = new long[n];
        for (int t = 0; t < n; t++) {
            int bits = Float.floatToIntBits((float) popularity[t]);
            bits ^= (bits >> 31) & 0x7fffffff;
            keys[t] = ((long) bits << 32) | (n - 1 - catalog.coldRank[t]);
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        int[] counts = new int[catalog.genreCount()];
        for (int i = 0; i < n; i++) {
            int t = catalog.byColdRank[n - 1 - (int) (keys[n - 1 - i] & 0xffffffffL)];
            order[i] = t;
            for (int g : catalog.genres[t]) {
                counts[g]++;
            }
        }
        int[][] byGenre = new int[counts.length][];
        for (int g = 0; g < counts.length; g++) {
            byGenre[g] = new int[counts[g]];
        }
        int[] filled = new int[counts.length];
        for (int t : order) {
            for (int g : catalog.genres[t]) {
                byGenre[g][filled[g]++] = t;
            }
        }
        return new TrendingOrder(now, order, byGenre);
    }

    // ---------------------------------------------------------------------------------------------- serving

    /**
     * A request for a ranked list.
     *
     * @param userId   whose list; their history is used only with personalization consent in {@code brand}
     * @param brand    the brand asking; {@code null} when lists are not made for a brand (offline evaluation)
     * @param k        how many titles
     * @param filter   what titles may appear
     * @param exclude  title ids that must not appear (already served on earlier pages, excluded by the client)
     * @param strategy the blend
     * @param now      the moment of the request
     */
    public record Request(String userId, String brand, int k, CatalogSnapshot.Filter filter,
                          Collection<String> exclude, Strategy strategy, long now) {
        /** A request made for no brand in particular (offline evaluation). */
        public Request(String userId, int k, CatalogSnapshot.Filter filter, Collection<String> exclude,
                       Strategy strategy, long now) {
            this(userId, null, k, filter, exclude, strategy, now);
        }
    }

    /**
     * Why a title is in a list.
     *
     * @param scorer      the scorer that contributed most: trending, collaborative, content or profile
     * @param text        the explanation a person reads (and the assistant speaks)
     * @param becauseOf   the title of the user's history it comes from, when it comes from one
     */
    public record Reason(String scorer, String text, String becauseOf) {
    }

    /** A title in a list, with its blended score and the reason it is there. */
    public record Ranked(TitleFacts title, double score, Reason reason) {
    }

    /**
     * A ranked list and how it was made.
     *
     * @param personalized whether the user's own data was used (false without consent, history or tastes)
     */
    public record Result(List<Ranked> items, boolean personalized) {
    }

    /** Ranks titles for a user. */
    public Result recommend(Request request) {
        long now = request.now();
        TrendingOrder order = trending(now);
        UserState user = users.get(request.userId());
        // With consent, what the user finished is left out whatever the strategy (the holdout too); the profile
        // scores only for personal strategies.
        Profile known = user == null || !usableIn(user, request.brand()) ? null : profile(user);
        Profile profile = request.strategy().personal() ? known : null;
        Strategy strategy = profile == null ? request.strategy().withoutPersonalization() : request.strategy();
        IntSet excluded = exclusions(request.exclude(), known);
        CatalogSnapshot.Filter filter = request.filter();

        int pool = Math.max(strategy.pool(), request.k() * 3);
        Candidates candidates = new Candidates(pool + (profile == null ? 0
                : Math.min(profile.recent.length, settings.window()) * settings.neighbours()
                + 3 * settings.genreCandidates()));
        take(order.order(), pool, filter, excluded, candidates);
        if (profile != null) {
            if (strategy.collaborative() > 0) {
                // Neighbours of the most recent positives only (as many as a new title is paired with): older
                // ones weigh little (recency decays) but would double the candidates each request has to score.
                for (int i = 0; i < Math.min(profile.recent.length, settings.window()); i++) {
                    Neighbors n = neighbours[profile.recent[i]];
                    if (n != null) {
                        n.forEach((title, count) -> {
                            if (!excluded.contains(title) && filter.test(title)) {
                                candidates.add(title);
                            }
                        });
                    }
                }
            }
            for (int g : profile.topGenres(3)) {
                if (filter.genre() < 0 || filter.genre() == g) {
                    take(order.byGenre()[g], settings.genreCandidates(), filter, excluded, candidates);
                }
            }
        }
        score(candidates, profile, strategy, now);
        List<Integer> chosen = diversify(candidates, strategy, request.k());
        List<Ranked> ranked = new ArrayList<>(chosen.size());
        for (int p : chosen) {
            int t = candidates.title(p);
            ranked.add(new Ranked(catalog.title(t), candidates.blended[p], explain(candidates, p, profile, strategy,
                    filter)));
        }
        return new Result(ranked, profile != null);
    }

    /** Titles similar to one title: content and co-occurrence, with a little popularity. */
    public List<Ranked> similar(String titleId, int k, CatalogSnapshot.Filter filter, Collection<String> exclude,
                                long now) {
        int source = catalog.indexOf(titleId);
        if (source < 0) {
            return List.of();
        }
        TrendingOrder order = trending(now);
        IntSet excluded = exclusions(exclude, null);
        excluded.add(source);
        Candidates candidates = new Candidates();
        Neighbors n = neighbours[source];
        if (n != null) {
            n.forEach((title, count) -> {
                if (!excluded.contains(title) && filter.test(title)) {
                    candidates.add(title);
                }
            });
        }
        for (int g : catalog.genres[source]) {
            take(order.byGenre()[g], settings.genreCandidates() * 2, filter, excluded, candidates);
        }
        take(order.order(), Math.max(50, k * 3), filter, excluded, candidates);
        for (int p = 0; p < candidates.size(); p++) {
            int t = candidates.title(p);
            candidates.scores[Candidates.TRENDING][p] = (float) Math.log1p(Math.max(0, popularityAt(t, now)));
            candidates.scores[Candidates.COLLABORATIVE][p] = similarity(source, t);
            candidates.scores[Candidates.CONTENT][p] = Math.max(0, catalog.cosine(source, t));
            candidates.scores[Candidates.PROFILE][p] = catalog.genreOverlap(source, t);
        }
        for (int column = 0; column < Candidates.SCORERS; column++) {
            candidates.normalize(column);
        }
        Strategy blend = new Strategy("similar", 0.1, 0.35, 0.4, 0.15, 0.1, 50);
        for (int p = 0; p < candidates.size(); p++) {
            candidates.blended[p] = blendOf(candidates, p, blend);
        }
        List<Integer> chosen = diversify(candidates, blend, k);
        String name = catalog.title(source).name();
        List<Ranked> ranked = new ArrayList<>(chosen.size());
        for (int p : chosen) {
            int best = strongest(candidates, p, blend);
            Reason reason = switch (best) {
                case Candidates.COLLABORATIVE -> new Reason("collaborative", "People who enjoyed " + name
                        + " also enjoyed this", titleId);
                case Candidates.CONTENT -> new Reason("content", "Similar in story and mood to " + name, titleId);
                case Candidates.PROFILE -> new Reason("profile", "Also " + genreLabel(sharedGenre(source,
                        candidates.title(p))), titleId);
                default -> trendingReason(candidates.title(p), -1);
            };
            ranked.add(new Ranked(catalog.title(candidates.title(p)), candidates.blended[p], reason));
        }
        return ranked;
    }

    /** The most popular titles now that pass the filter. */
    public List<Ranked> trending(int k, CatalogSnapshot.Filter filter, Collection<String> exclude, long now) {
        TrendingOrder order = trending(now);
        Candidates candidates = new Candidates();
        take(order.order(), k, filter, exclusions(exclude, null), candidates);
        List<Ranked> ranked = new ArrayList<>(candidates.size());
        for (int p = 0; p < candidates.size(); p++) {
            int t = candidates.title(p);
            ranked.add(new Ranked(catalog.title(t), popularityAt(t, now), trendingReason(t, filter.genre())));
        }
        return ranked;
    }

    private static void take(int[] order, int limit, CatalogSnapshot.Filter filter, IntSet excluded,
                             Candidates candidates) {
        int taken = 0;
        for (int i = 0; i < order.length && taken < limit; i++) {
            int t = order[i];
            if (!excluded.contains(t) && filter.test(t)) {
                candidates.add(t);
                taken++;
            }
        }
    }

    private IntSet exclusions(Collection<String> ids, Profile profile) {
        IntSet excluded = new IntSet(ids.size() + (profile == null ? 0 : profile.excluded.length) + 1);
        for (String id : ids) {
            int t = catalog.indexOf(id);
            if (t >= 0) {
                excluded.add(t);
            }
        }
        if (profile != null) {
            for (int t : profile.excluded) {
                excluded.add(t);
            }
        }
        return excluded;
    }

    /** Co-occurrence similarity of two titles: cosine on binary user vectors. */
    private float similarity(int a, int b) {
        Neighbors n = neighbours[a];
        if (n == null) {
            return 0;
        }
        float count = n.count(b);
        if (count <= 0) {
            return 0;
        }
        return (float) (count / Math.sqrt((double) Math.max(1, positiveUsers[a]) * Math.max(1, positiveUsers[b])));
    }

    private void score(Candidates candidates, Profile profile, Strategy strategy, long now) {
        if (profile != null && strategy.collaborative() > 0) {
            // Walk each recent title's neighbours once rather than look every candidate up in every list.
            float[] collaborative = candidates.scores[Candidates.COLLABORATIVE];
            for (int i = 0; i < profile.recent.length; i++) {
                int h = profile.recent[i];
                Neighbors n = neighbours[h];
                if (n == null) {
                    continue;
                }
                double weight = profile.recency[i] / Math.sqrt(Math.max(1, positiveUsers[h]));
                n.forEach((t, count) -> {
                    int p = candidates.position(t);
                    if (p >= 0) {
                        collaborative[p] += (float) (weight * count / Math.sqrt(Math.max(1, positiveUsers[t])));
                    }
                });
            }
        }
        double decay = Math.pow(2, (now - epoch) / halfLifeMillis);
        for (int p = 0; p < candidates.size(); p++) {
            int t = candidates.title(p);
            candidates.scores[Candidates.TRENDING][p] = (float) Math.log1p(Math.max(0, popularity[t] / decay));
            if (profile != null && strategy.profile() > 0) {
                candidates.scores[Candidates.PROFILE][p] = profile.affinity(t);
            }
        }
        candidates.normalize(Candidates.TRENDING);
        candidates.normalize(Candidates.COLLABORATIVE);
        candidates.normalize(Candidates.PROFILE);
        if (profile != null && strategy.content() > 0 && profile.vector != null) {
            // The content cosine is the costly part: only the best candidates by the other scorers get one. Since
            // it only adds to a blend, no candidate left out can end above one that was scored.
            float[] content = candidates.scores[Candidates.CONTENT];
            for (int p : candidates.best(CONTENT_SHORTLIST, strategy)) {
                content[p] = Math.max(0, catalog.cosine(profile.vector, candidates.title(p)));
            }
            candidates.normalize(Candidates.CONTENT);
        }
        for (int p = 0; p < candidates.size(); p++) {
            float blended = blendOf(candidates, p, strategy);
            if (profile != null && profile.dislikes(catalog.genres[candidates.title(p)])) {
                blended *= 0.3f;
            }
            candidates.blended[p] = blended;
        }
    }

    private static float blendOf(Candidates c, int p, Strategy s) {
        return (float) (s.trending() * c.scores[Candidates.TRENDING][p]
                + s.collaborative() * c.scores[Candidates.COLLABORATIVE][p]
                + s.content() * c.scores[Candidates.CONTENT][p]
                + s.profile() * c.scores[Candidates.PROFILE][p]);
    }

    /** The scorer that contributed most to a candidate's blended score. */
    private static int strongest(Candidates c, int p, Strategy s) {
        double[] parts = {s.trending() * c.scores[Candidates.TRENDING][p],
                s.collaborative() * c.scores[Candidates.COLLABORATIVE][p],
                s.content() * c.scores[Candidates.CONTENT][p],
                s.profile() * c.scores[Candidates.PROFILE][p]};
        int best = Candidates.TRENDING;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i] > parts[best] + 1e-6) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Maximal marginal relevance over the best candidates: each next title maximises
     * {@code (1 - diversity) * relevance - diversity * (largest similarity to a title already chosen)}.
     */
    private List<Integer> diversify(Candidates candidates, Strategy strategy, int k) {
        int[] order = candidates.ranked(catalog.coldRank, catalog.byColdRank);
        int considered = Math.min(order.length, Math.max(k * 3, 30));
        List<Integer> chosen = new ArrayList<>(Math.min(k, order.length));
        if (strategy.diversity() <= 0) {
            for (int i = 0; i < Math.min(k, order.length); i++) {
                chosen.add(order[i]);
            }
            return chosen;
        }
        float top = considered == 0 ? 1 : Math.max(1e-6f, candidates.blended[order[0]]);
        boolean[] used = new boolean[considered];
        float[] closest = new float[considered];
        double lambda = 1 - strategy.diversity();
        while (chosen.size() < k && chosen.size() < considered) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < considered; i++) {
                if (used[i]) {
                    continue;
                }
                double value = lambda * candidates.blended[order[i]] / top - strategy.diversity() * closest[i];
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            used[best] = true;
            int picked = candidates.title(order[best]);
            chosen.add(order[best]);
            for (int i = 0; i < considered; i++) {
                if (!used[i]) {
                    int t = candidates.title(order[i]);
                    float similarity = catalog.hasVector(t) && catalog.hasVector(picked)
                            ? catalog.cosine(t, picked) : catalog.genreOverlap(t, picked);
                    closest[i] = Math.max(closest[i], similarity);
                }
            }
        }
        return chosen;
    }

    // ---------------------------------------------------------------------------------------------- explaining

    private Reason explain(Candidates candidates, int p, Profile profile, Strategy strategy,
                           CatalogSnapshot.Filter filter) {
        int t = candidates.title(p);
        if (profile == null) {
            return trendingReason(t, filter.genre());
        }
        switch (strongest(candidates, p, strategy)) {
            case Candidates.COLLABORATIVE -> {
                int from = -1;
                float best = 0;
                for (int i = 0; i < profile.recent.length; i++) {
                    float s = profile.recency[i] * similarity(profile.recent[i], t);
                    if (s > best) {
                        best = s;
                        from = profile.recent[i];
                    }
                }
                if (from >= 0) {
                    TitleFacts source = catalog.title(from);
                    return new Reason("collaborative", "Because you " + verb(source.kind()) + " " + source.name(),
                            source.id());
                }
            }
            case Candidates.CONTENT -> {
                int from = -1;
                float best = 0;
                for (int i = 0; i < profile.recent.length; i++) {
                    float s = catalog.cosine(profile.recent[i], t);
                    if (s > best) {
                        best = s;
                        from = profile.recent[i];
                    }
                }
                if (from >= 0) {
                    TitleFacts source = catalog.title(from);
                    return new Reason("content", "Similar to " + source.name() + ", which you "
                            + verb(source.kind()), source.id());
                }
            }
            case Candidates.PROFILE -> {
                String phrase = profile.matchingPhrase(t);
                if (phrase != null) {
                    return new Reason("profile", "Matches '" + phrase + "'", null);
                }
                int genre = profile.favouriteGenreOf(t);
                if (genre >= 0) {
                    return new Reason("profile", "Because you like " + genreLabel(genre), null);
                }
            }
            default -> {
                // trending, below
            }
        }
        return trendingReason(t, filter.genre());
    }

    private Reason trendingReason(int t, int filterGenre) {
        if (positiveUsers[t] == 0 && popularity[t] <= 0) {
            return new Reason("trending", filterGenre >= 0 ? "A pick from " + genreLabel(filterGenre)
                    : "Fresh in the catalog", null);
        }
        int genre = filterGenre >= 0 ? filterGenre : catalog.genres[t].length > 0 ? catalog.genres[t][0] : -1;
        return new Reason("trending", genre >= 0 ? "Trending in " + genreLabel(genre) + " this week"
                : "Trending this week", null);
    }

    private int sharedGenre(int a, int b) {
        for (int g : catalog.genres[b]) {
            if (catalog.hasGenre(a, g)) {
                return g;
            }
        }
        return catalog.genres[b].length > 0 ? catalog.genres[b][0] : 0;
    }

    private String genreLabel(int genre) {
        String name = catalog.genreName(genre);
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static String verb(TitleKind kind) {
        return switch (kind) {
            case GAME -> "played";
            case LIVE_EVENT -> "watched";
            default -> "watched";
        };
    }

    // ---------------------------------------------------------------------------------------------- profiles

    /** A consenting user's recent positive titles, genre affinities, stated tastes and exclusions. */
    private Profile profile(UserState user) {
        synchronized (user) {
            if (!user.personalized) {
                return null;
            }
            int history = settings.history();
            int[] recent = new int[history];
            float[] recency = new float[history];
            int found = 0;
            IntSet seen = new IntSet(history);
            IntSet excludedSet = new IntSet(16);
            List<Integer> excluded = new ArrayList<>();
            float[] affinity = new float[catalog.genreCount()];
            float[] vector = new float[Vectors.DIMENSIONS];
            boolean hasVector = false;
            float weight = 1;
            for (int i = user.size() - 1; i >= 0; i--) {
                if (!user.consented(i)) {
                    continue;
                }
                int t = user.title(i);
                InteractionType type = TYPES[user.type(i)];
                boolean finished = type == InteractionType.COMPLETE || type == InteractionType.DISLIKE
                        || type == InteractionType.PURCHASE && catalog.title(t).kind() == TitleKind.GAME;
                if (finished && excludedSet.add(t)) {
                    excluded.add(t);
                }
                double w = weight(user, i);
                if (w < 0) {
                    for (int g : catalog.genres[t]) {
                        affinity[g] -= (float) (0.5 * weight);
                    }
                }
                if (w <= 0 || found == history || !seen.add(t)) {
                    continue;
                }
                recent[found] = t;
                recency[found] = weight;
                found++;
                for (int g : catalog.genres[t]) {
                    affinity[g] += weight;
                }
                if (catalog.hasVector(t)) {
                    catalog.accumulate(t, weight, vector);
                    hasVector = true;
                }
                weight *= RECENCY;
            }
            List<UserState.StatedPreference> likes = new ArrayList<>();
            List<UserState.StatedPreference> dislikes = new ArrayList<>();
            for (UserState.StatedPreference preference : user.preferences) {
                (preference.like() ? likes : dislikes).add(preference);
                for (int g : preference.genres()) {
                    affinity[g] += preference.like() ? 2 : -2;
                }
            }
            if (found == 0 && likes.isEmpty() && excluded.isEmpty() && dislikes.isEmpty()) {
                return null;
            }
            float max = 0;
            for (float a : affinity) {
                max = Math.max(max, a);
            }
            if (max > 0) {
                for (int g = 0; g < affinity.length; g++) {
                    affinity[g] /= max;
                }
            }
            return new Profile(Arrays.copyOf(recent, found), Arrays.copyOf(recency, found), affinity,
                    hasVector ? Vectors.probe(vector) : null, likes, dislikes,
                    excluded.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private final class Profile {
        final int[] recent;
        final float[] recency;
        final float[] affinity;
        final Vectors.Probe vector;
        final List<UserState.StatedPreference> likes;
        final List<UserState.StatedPreference> dislikes;
        final int[] excluded;

        Profile(int[] recent, float[] recency, float[] affinity, Vectors.Probe vector,
                List<UserState.StatedPreference> likes, List<UserState.StatedPreference> dislikes, int[] excluded) {
            this.recent = recent;
            this.recency = recency;
            this.affinity = affinity;
            this.vector = vector;
            this.likes = likes;
            this.dislikes = dislikes;
            this.excluded = excluded;
        }

        /** Genre affinity (mean over the title's genres) and the best match with a stated taste. */
        float affinity(int t) {
            int[] genres = catalog.genres[t];
            float sum = 0;
            for (int g : genres) {
                sum += affinity[g];
            }
            float genreScore = genres.length == 0 ? 0 : sum / genres.length;
            float phrase = 0;
            for (UserState.StatedPreference like : likes) {
                if (like.vector() != null) {
                    phrase = Math.max(phrase, catalog.cosine(like.vector(), t));
                }
            }
            return likes.isEmpty() ? genreScore : 0.6f * genreScore + 0.4f * phrase;
        }

        boolean dislikes(int[] genres) {
            for (UserState.StatedPreference dislike : dislikes) {
                for (int g : dislike.genres()) {
                    for (int h : genres) {
                        if (g == h) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** The user's genres by affinity, strongest first. */
        int[] topGenres(int n) {
            Integer[] order = new Integer[affinity.length];
            for (int g = 0; g < order.length; g++) {
                order[g] = g;
            }
            Arrays.sort(order, (a, b) -> Float.compare(affinity[b], affinity[a]));
            return Arrays.stream(order).limit(n).filter(g -> affinity[g] > 0).mapToInt(Integer::intValue).toArray();
        }

        int favouriteGenreOf(int t) {
            int best = -1;
            for (int g : catalog.genres[t]) {
                if (affinity[g] > 0 && (best < 0 || affinity[g] > affinity[best])) {
                    best = g;
                }
            }
            return best;
        }

        /** A stated phrase the title matches (by genre, or by content above a threshold). */
        String matchingPhrase(int t) {
            for (UserState.StatedPreference like : likes) {
                for (int g : like.genres()) {
                    if (catalog.hasGenre(t, g) && !like.phrases().isEmpty()) {
                        return like.phrases().getFirst();
                    }
                    if (catalog.hasGenre(t, g)) {
                        return catalog.genreName(g);
                    }
                }
                if (like.vector() != null && !like.phrases().isEmpty() && catalog.cosine(like.vector(), t) > 0.35f) {
                    return like.phrases().getFirst();
                }
            }
            return null;
        }
    }
}
