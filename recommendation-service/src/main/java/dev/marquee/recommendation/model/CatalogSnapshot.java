package dev.marquee.recommendation.model;

import dev.marquee.recommendation.TitleKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog as the recommender sees it: titles numbered 0..n-1 and their facts in flat arrays, genres and
 * regions as small integers, content vectors as bytes in one array. Immutable except for content vectors, which
 * arrive after the title (they are computed in the background) and are published per title.
 */
public final class CatalogSnapshot {
    private static final int REGION_WORDS = 4;

    private final List<TitleFacts> facts;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> genreIds = new HashMap<>();
    private final List<String> genreNames = new ArrayList<>();
    private final Map<String, Integer> regionIds = new HashMap<>();
    final int[][] genres;
    final byte[] kinds;
    final byte[] ageRatings;
    final long[] regionBits;
    final long[] availableFrom;
    final long[] availableUntil;
    /** Rank of each title when nothing else tells titles apart: newest first, then by id. */
    final int[] coldRank;
    /** Titles by cold rank: the inverse of {@link #coldRank}. */
    final int[] byColdRank;
    final byte[] vectors;
    final float[] norms;

    public CatalogSnapshot(List<TitleFacts> titles) {
        this.facts = List.copyOf(titles);
        int n = facts.size();
        genres = new int[n][];
        kinds = new byte[n];
        ageRatings = new byte[n];
        regionBits = new long[n * REGION_WORDS];
        availableFrom = new long[n];
        availableUntil = new long[n];
        vectors = new byte[n * Vectors.DIMENSIONS];
        norms = new float[n];
        for (int t = 0; t < n; t++) {
            TitleFacts f = facts.get(t);
            if (index.putIfAbsent(f.id(), t) != null) {
                throw new IllegalArgumentException("title " + f.id() + " appears twice");
            }
            genres[t] = f.genres().stream().mapToInt(this::genreId).toArray();
            kinds[t] = (byte) f.kind().ordinal();
            ageRatings[t] = (byte) f.ageRating();
            for (String region : f.regions()) {
                int r = regionIds.computeIfAbsent(region, k -> regionIds.size());
                if (r < REGION_WORDS * 64) {
                    regionBits[t * REGION_WORDS + (r >> 6)] |= 1L << (r & 63);
                }
            }
            availableFrom[t] = f.availableFrom() == null ? Long.MIN_VALUE : f.availableFrom().toEpochMilli();
            availableUntil[t] = f.availableUntil() == null ? Long.MAX_VALUE : f.availableUntil().toEpochMilli();
            if (f.vector() != null) {
                norms[t] = Vectors.quantize(f.vector(), vectors, t * Vectors.DIMENSIONS);
            }
        }
        Integer[] order = new Integer[n];
        for (int t = 0; t < n; t++) {
            order[t] = t;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(t -> -facts.get(t).year())
                .thenComparing(t -> facts.get(t).id()));
        coldRank = new int[n];
        byColdRank = new int[n];
        for (int rank = 0; rank < n; rank++) {
            coldRank[order[rank]] = rank;
            byColdRank[rank] = order[rank];
        }
    }

    private int genreId(String genre) {
        return genreIds.computeIfAbsent(genre, g -> {
            genreNames.add(g);
            return genreNames.size() - 1;
        });
    }

    public int size() {
        return facts.size();
    }

    public TitleFacts title(int t) {
        return facts.get(t);
    }

    public List<TitleFacts> titles() {
        return facts;
    }

    /** The title's number, or -1 when the catalog does not have it. */
    public int indexOf(String id) {
        Integer t = index.get(id);
        return t == null ? -1 : t;
    }

    /** The genre's number, or -1 when no title has it. */
    public int genreIdOf(String genre) {
        Integer g = genreIds.get(genre.toLowerCase(Locale.ROOT));
        return g == null ? -1 : g;
    }

    public String genreName(int genre) {
        return genreNames.get(genre);
    }

    public int genreCount() {
        return genreNames.size();
    }

    boolean hasVector(int t) {
        return norms[t] > 0;
    }

    /** Publishes a content vector computed after the snapshot was built. */
    public void setVector(int t, float[] unit) {
        float norm = Vectors.quantize(unit, vectors, t * Vectors.DIMENSIONS);
        norms[t] = norm;
    }

    /** Cosine similarity of two titles' content, 0 when either has no vector yet. */
    float cosine(int a, int b) {
        if (norms[a] == 0 || norms[b] == 0) {
            return 0;
        }
        return Vectors.dot(vectors, a * Vectors.DIMENSIONS, vectors, b * Vectors.DIMENSIONS) / (norms[a] * norms[b]);
    }

    /** Cosine similarity of a query vector with a title's content, 0 without a vector. */
    float cosine(Vectors.Probe probe, int t) {
        if (norms[t] == 0 || probe.norm() == 0) {
            return 0;
        }
        return Vectors.dot(probe.bytes(), 0, vectors, t * Vectors.DIMENSIONS) / (probe.norm() * norms[t]);
    }

    /** Adds the title's unit content vector times {@code weight} to {@code sum}. */
    void accumulate(int t, float weight, float[] sum) {
        if (norms[t] == 0) {
            return;
        }
        float scale = weight / norms[t];
        int offset = t * Vectors.DIMENSIONS;
        for (int i = 0; i < Vectors.DIMENSIONS; i++) {
            sum[i] += vectors[offset + i] * scale;
        }
    }

    boolean hasGenre(int t, int genre) {
        for (int g : genres[t]) {
            if (g == genre) {
                return true;
            }
        }
        return false;
    }

    /** Jaccard similarity of two titles' genres: the diversity measure when vectors are missing. */
    float genreOverlap(int a, int b) {
        int[] x = genres[a];
        int[] y = genres[b];
        int shared = 0;
        for (int g : x) {
            for (int h : y) {
                if (g == h) {
                    shared++;
                }
            }
        }
        int union = x.length + y.length - shared;
        return union == 0 ? 0 : (float) shared / union;
    }

    /**
     * A filter compiled against this snapshot.
     *
     * @param genre        genre name or null
     * @param kinds        allowed kinds; empty means all
     * @param region       country code or null
     * @param maxAgeRating highest allowed minimum age or null
     * @param now          the moment at which titles must be available
     */
    public Filter filter(String genre, java.util.Set<TitleKind> kinds, String region, Integer maxAgeRating,
                         long now) {
        int genreId = genre == null ? -1 : genreIdOf(genre);
        int kindMask = 0;
        for (TitleKind kind : kinds) {
            kindMask |= 1 << kind.ordinal();
        }
        int regionId = -1;
        if (region != null) {
            Integer r = regionIds.get(region);
            regionId = r == null ? Integer.MAX_VALUE : r;
        }
        return new Filter(genre != null && genreId < 0, genreId, kindMask == 0 ? -1 : kindMask, regionId,
                maxAgeRating == null ? Integer.MAX_VALUE : maxAgeRating, now);
    }

    /** Whether a title passes the filter. */
    public final class Filter {
        private final boolean nothing;
        private final int genre;
        private final int kindMask;
        private final int region;
        private final int maxAge;
        private final long now;

        private Filter(boolean nothing, int genre, int kindMask, int region, int maxAge, long now) {
            this.nothing = nothing;
            this.genre = genre;
            this.kindMask = kindMask;
            this.region = region;
            this.maxAge = maxAge;
            this.now = now;
        }

        public boolean test(int t) {
            if (nothing || ageRatings[t] > maxAge || (kindMask & (1 << kinds[t])) == 0
                    || availableFrom[t] > now || availableUntil[t] <= now) {
                return false;
            }
            if (region >= 0 && (region >= REGION_WORDS * 64
                    || (regionBits[t * REGION_WORDS + (region >> 6)] & (1L << (region & 63))) == 0)) {
                return false;
            }
            return genre < 0 || hasGenre(t, genre);
        }

        /** The genre the filter asks for, or -1. */
        public int genre() {
            return genre;
        }
    }
}
