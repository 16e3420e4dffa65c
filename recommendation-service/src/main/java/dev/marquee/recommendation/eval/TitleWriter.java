package dev.marquee.recommendation.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes the invented name, synopsis and cast of a synthetic title from its cluster's word lists, keeping names
 * unique (case-insensitively) and away from reserved names. A name that is taken is redrawn a few times and then
 * made unique with a distinguishing word, never a bare number.
 */
final class TitleWriter {

    /** A written title. */
    record Text(String name, String synopsis, List<String> cast) {
    }

    static final int MIN_SYNOPSIS_WORDS = 15;
    static final int MAX_SYNOPSIS_WORDS = 35;

    private static final int FRESH_DRAWS = 6;
    private static final int MAX_DRAWS = 60;
    private static final List<String> DEFAULT_CONNECTORS =
            List.of("sets out to", "has one week to", "is forced to", "must", "fights to", "races to", "tries to");
    private static final List<String> SUBTITLES = List.of("Returns", "Rising", "Reborn", "Unbound", "Origins",
            "Legacy", "Aftermath", "Awakening", "Reckoning", "Homecoming", "Revelations", "Afterglow", "Crossroads",
            "Undertow", "Second Light", "Far Shore");
    private static final List<String> SPORTS_SUFFIXES =
            List.of("Rematch", "Replay", "Second Leg", "Showdown", "Grudge Match", "Night Game");
    private static final List<String> CONCERT_SUBTITLES = List.of("Encore Night", "Late Show", "Matinee",
            "Anniversary Night", "Acoustic Set", "Farewell Night");
    private static final List<String> FIRST_NAMES = List.of("Ada", "Bram", "Corin", "Dalia", "Elio", "Fenna",
            "Gideon", "Halle", "Ilse", "Joren", "Kaia", "Lior", "Mirela", "Niko", "Odile", "Paxton", "Quilla",
            "Rosalind", "Soren", "Talia", "Ueli", "Vesna", "Wren", "Yara", "Zane", "Anouk", "Bastien", "Calla",
            "Darragh", "Esme", "Florin", "Greta", "Jun", "Keziah", "Leander", "Maelle", "Nuno", "Orla", "Priya",
            "Rafe", "Saoirse", "Teodor", "Una", "Viggo", "Xiomara", "Yusuf", "Zofia", "Amara", "Caspian", "Delphine");
    private static final List<String> LAST_NAMES = List.of("Ashdown", "Brannock", "Castellane", "Dunmore",
            "Everwood", "Fairholm", "Hartwell", "Kestrell", "Lindqvist", "Marwood", "Northcote", "Pellham",
            "Quennell", "Ravensworth", "Sallow", "Thistlewood", "Underhill", "Vantreight", "Wexley", "Yarrowby",
            "Zelenko", "Achterberg", "Bellrose", "Corvalan", "Oyelaran", "Moravec", "Tamsett", "Iriarte", "Okafor-Lyle",
            "Halvorsen", "Penhallow", "Strand-Ibsen", "Abernell", "Quist", "Rutherglen", "Vasquez-Orme", "Brightwater",
            "Nakamura-Hale", "Devereux", "Kilbride");

    private final SplittableRandom random;
    private final Set<String> taken = new HashSet<>();

    TitleWriter(SplittableRandom random, Set<String> reservedNames) {
        this.random = random;
        for (String name : reservedNames) {
            taken.add(key(name));
        }
    }

    /** Writes a title of the given kind and genres in the cluster's voice. */
    Text write(TasteCluster cluster, String kind, List<String> genres) {
        if (kind.equals("live_event")) {
            return cluster.words("live").contains("sports") ? sportsEvent(cluster) : concert(cluster);
        }
        String name = claim(() -> baseName(cluster), Function.identity(), SUBTITLES, ": ").name();
        String synopsis = withinLength(() -> kind.equals("game") ? gameSynopsis(cluster, genres) : story(cluster));
        return new Text(name, synopsis, cast());
    }

    private String baseName(TasteCluster cluster) {
        String adjective = pick(cluster.words("adjectives"));
        String noun = pick(cluster.words("nouns"));
        while (sameStem(adjective, noun)) {
            noun = pick(cluster.words("nouns"));
        }
        double pattern = random.nextDouble();
        if (pattern < 0.25) {
            return "The " + adjective + " " + noun;
        } else if (pattern < 0.45) {
            return adjective + " " + noun;
        } else if (pattern < 0.70) {
            return noun + " " + pick(cluster.words("prepositions")) + " " + pick(cluster.words("places"));
        } else if (pattern < 0.78) {
            return compound(cluster);
        }
        String compound = compound(cluster);
        while (sameStem(noun, compound)) {
            compound = compound(cluster);
        }
        return "The " + noun + " of " + compound;
    }

    /** Whether two words would read as a repetition ("Midsummer Summer", "The Drifting Drift"). */
    private static boolean sameStem(String first, String second) {
        String a = first.toLowerCase(Locale.ROOT);
        String b = second.toLowerCase(Locale.ROOT);
        int stem = Math.min(4, Math.min(a.length(), b.length()));
        return a.startsWith(b.substring(0, stem)) || a.contains(b) || b.contains(a);
    }

    /** A one-word name such as "Frostspire"; a head ending in the letter the tail starts with reads badly. */
    private String compound(TasteCluster cluster) {
        String head = pick(cluster.words("heads"));
        String tail = pick(cluster.words("tails"));
        while (Character.toLowerCase(head.charAt(head.length() - 1)) == Character.toLowerCase(tail.charAt(0))) {
            tail = pick(cluster.words("tails"));
        }
        return head + tail;
    }

    private String story(TasteCluster cluster) {
        String subject = pick(cluster.words("subjects"));
        List<String> connectors = cluster.words("connectors").isEmpty()
                ? DEFAULT_CONNECTORS : cluster.words("connectors");
        String verb = pick(connectors) + " " + pick(cluster.words("actions"));
        String setting = pick(cluster.words("settings"));
        String complication = pick(cluster.words("complications"));
        return switch (random.nextInt(3)) {
            case 0 -> capitalise(subject) + " " + verb + " " + setting + ", " + complication + ".";
            case 1 -> "When " + pick(cluster.words("incidents")) + ", " + subject + " " + verb + " " + setting + ". "
                    + pick(cluster.words("closers"));
            default -> capitalise(setting) + ", " + subject + " " + verb + ", " + complication + ". "
                    + pick(cluster.words("closers"));
        };
    }

    /** A game synopsis naming one of the game's own genres: a game genre of the cluster if it has one. */
    private String gameSynopsis(TasteCluster cluster, List<String> genres) {
        List<String> gameGenres = genres.stream().filter(cluster.words("game genres")::contains).toList();
        if (gameGenres.isEmpty()) {
            gameGenres = genres.stream().filter(cluster.words("genres")::contains).toList();
        }
        String genre = pick(gameGenres);
        String tag = pick(cluster.words("tags"));
        String action = pick(cluster.words("actions"));
        String setting = pick(cluster.words("settings"));
        if (random.nextBoolean()) {
            return "In this " + tag + " " + genre + " game, you must " + action + " " + setting + ", "
                    + pick(cluster.words("complications")) + ".";
        }
        return "You must " + action + " " + setting + " in this " + tag + " " + genre + " game. "
                + pick(cluster.words("closers"));
    }

    private record Match(String home, String homeMascot, String away, String awayMascot, String stage) {
    }

    private Text sportsEvent(TasteCluster cluster) {
        Claimed<Match> claimed = claim(() -> {
            List<String> cities = pickDistinct(cluster.words("cities"), 2);
            List<String> mascots = pickDistinct(cluster.words("mascots"), 2);
            return new Match(cities.get(0), mascots.get(0), cities.get(1), mascots.get(1),
                    pick(cluster.words("stages")));
        }, match -> match.home() + " vs. " + match.away() + ": " + match.stage(), SPORTS_SUFFIXES, " ");
        Match match = claimed.drawn();
        String synopsis = withinLength(() -> "The " + match.home() + " " + match.homeMascot() + " and the "
                + match.away() + " " + match.awayMascot() + " " + pick(cluster.words("live actions")) + " "
                + pick(cluster.words("venues")) + ". " + pick(cluster.words("live closers")));
        return new Text(claimed.name(), synopsis, cast());
    }

    private record Show(String band, String venue) {
    }

    private Text concert(TasteCluster cluster) {
        Claimed<Show> claimed = claim(
                () -> new Show("The " + pick(cluster.words("adjectives")) + " " + pick(cluster.words("nouns")),
                        pick(cluster.words("places"))),
                show -> show.band() + " Live at " + show.venue(), CONCERT_SUBTITLES, ": ");
        Show show = claimed.drawn();
        String synopsis = withinLength(() -> "Join " + show.band() + ", " + pick(cluster.words("live subjects"))
                + ", as they " + pick(cluster.words("live actions")) + " at " + show.venue() + ". "
                + pick(cluster.words("live closers")));
        return new Text(claimed.name(), synopsis, cast());
    }

    private List<String> cast() {
        int size = 1 + random.nextInt(3);
        List<String> cast = new ArrayList<>(size);
        while (cast.size() < size) {
            String person = pick(FIRST_NAMES) + " " + pick(LAST_NAMES);
            if (!cast.contains(person)) {
                cast.add(person);
            }
        }
        return cast;
    }

    private record Claimed<T>(T drawn, String name) {
    }

    /**
     * Draws until a free name comes up; after a few taken ones, tries the last draw with each distinguishing word
     * in turn (starting at a random one).
     */
    private <T> Claimed<T> claim(Supplier<T> draw, Function<T, String> nameOf, List<String> distinguishers,
            String separator) {
        for (int round = 0; round < MAX_DRAWS; round++) {
            T drawn = draw.get();
            String name = nameOf.apply(drawn);
            if (taken.add(key(name))) {
                return new Claimed<>(drawn, name);
            }
            if (round >= FRESH_DRAWS) {
                int start = random.nextInt(distinguishers.size());
                for (int i = 0; i < distinguishers.size(); i++) {
                    String candidate = name + separator + distinguishers.get((start + i) % distinguishers.size());
                    if (taken.add(key(candidate))) {
                        return new Claimed<>(drawn, candidate);
                    }
                }
            }
        }
        throw new IllegalStateException("cannot find a free title name; the catalog is too large for the word lists");
    }

    /** Draws texts until one has an acceptable length; the vocabulary makes almost every draw acceptable. */
    private String withinLength(Supplier<String> text) {
        String drawn = text.get();
        for (int attempt = 0; attempt < 100 && !acceptableLength(drawn); attempt++) {
            drawn = text.get();
        }
        return drawn;
    }

    static boolean acceptableLength(String synopsis) {
        int words = synopsis.strip().split("\\s+").length;
        return words >= MIN_SYNOPSIS_WORDS && words <= MAX_SYNOPSIS_WORDS;
    }

    private List<String> pickDistinct(List<String> words, int count) {
        List<String> picked = new ArrayList<>(count);
        while (picked.size() < count) {
            String word = pick(words);
            if (!picked.contains(word)) {
                picked.add(word);
            }
        }
        return picked;
    }

    private String pick(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalStateException("a cluster slot is empty");
        }
        return words.get(random.nextInt(words.size()));
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
