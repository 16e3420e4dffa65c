package dev.marquee.recommendation.model;

import dev.marquee.events.InteractionType;
import dev.marquee.recommendation.TitleKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The scorers, rules, explanations and erasure of the in-memory model, on a small hand-made catalog. */
class ModelTest {
    private static final long NOW = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final Strategy HYBRID = new Strategy("hybrid", 0.2, 0.4, 0.2, 0.2, 0.2, 50);
    private static final Strategy COLLABORATIVE = new Strategy("collaborative", 0, 1, 0, 0, 0, 50);

    static ModelSettings settings() {
        Map<InteractionType, Double> weights = new EnumMap<>(InteractionType.class);
        weights.putAll(Map.of(InteractionType.IMPRESSION, 0.0, InteractionType.CLICK, 1.0, InteractionType.PLAY, 3.0,
                InteractionType.COMPLETE, 5.0, InteractionType.LIKE, 4.0, InteractionType.DISLIKE, -4.0,
                InteractionType.RATING, 2.0, InteractionType.PURCHASE, 6.0));
        return new ModelSettings(weights, Duration.ofDays(7), 10, 50, 20, Duration.ZERO, 50);
    }

    private static TitleFacts title(String id, TitleKind kind, int year, int age, String... genres) {
        return new TitleFacts(id, kind, "Title " + id, List.of(genres), List.of(), year, age, List.of("US", "GB"),
                Instant.parse("2020-01-01T00:00:00Z"), null, null);
    }

    private static Model model() {
        List<TitleFacts> titles = new ArrayList<>();
        titles.add(title("mv-a", TitleKind.MOVIE, 2020, 12, "sci-fi"));
        titles.add(title("mv-b", TitleKind.MOVIE, 2021, 12, "sci-fi", "space opera"));
        titles.add(title("mv-c", TitleKind.MOVIE, 2019, 7, "comedy"));
        titles.add(title("mv-d", TitleKind.MOVIE, 2022, 16, "horror"));
        titles.add(title("gm-e", TitleKind.GAME, 2023, 12, "strategy"));
        titles.add(title("mv-f", TitleKind.MOVIE, 2018, 0, "comedy", "family"));
        titles.add(new TitleFacts("mv-g", TitleKind.MOVIE, "Gone", List.of("comedy"), List.of(), 2024, 0,
                List.of("DE"), Instant.parse("2020-01-01T00:00:00Z"), null, null));
        return new Model(new CatalogSnapshot(titles), settings(), NOW - 30 * 24 * HOUR);
    }

    private static List<String> ids(List<Model.Ranked> ranked) {
        return ranked.stream().map(r -> r.title().id()).toList();
    }

    private static Model.Result recommend(Model model, String user, Strategy strategy, Set<String> exclude,
                                          CatalogSnapshot.Filter filter) {
        return model.recommend(new Model.Request(user, 5, filter, exclude, strategy, NOW));
    }

    private static CatalogSnapshot.Filter all(Model model) {
        return model.catalog().filter(null, Set.of(), null, null, NOW);
    }

    @Test
    void trendingDecaysWithTimeAndColdTitlesFollowReleaseYear() {
        Model model = model();
        assertThat(ids(model.trending(3, all(model), Set.of(), NOW))).containsExactly("mv-g", "gm-e", "mv-d");
        model.ingest("u1", "mv-c", InteractionType.COMPLETE, null, NOW - HOUR);
        // Older but heavier: 4 completes three weeks ago decay to 4 * 5 / 8 = 2.5 < 5.
        for (int i = 0; i < 4; i++) {
            model.ingest("old" + i, "mv-a", InteractionType.COMPLETE, null, NOW - 21 * 24 * HOUR);
        }
        List<Model.Ranked> trending = model.trending(2, all(model), Set.of(), NOW);
        assertThat(ids(trending)).containsExactly("mv-c", "mv-a");
        assertThat(trending.get(1).score()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(trending.getFirst().reason().text()).isEqualTo("Trending in Comedy this week");
        assertThat(model.trending(3, model.catalog().filter("comedy", Set.of(), "US", 7, NOW), Set.of(), NOW)
                .stream().map(r -> r.title().id())).containsExactly("mv-c", "mv-f");
    }

    @Test
    void coOccurrenceRecommendsWhatSimilarUsersWatchedAndSaysBecauseOfWhat() {
        Model model = model();
        for (int i = 0; i < 5; i++) {
            model.personalization("fan" + i, true);
            model.ingest("fan" + i, "mv-a", InteractionType.PLAY, null, NOW - 5 * HOUR);
            model.ingest("fan" + i, "mv-b", InteractionType.PLAY, null, NOW - 4 * HOUR);
        }
        for (int i = 0; i < 8; i++) {
            model.ingest("crowd" + i, "mv-c", InteractionType.PLAY, null, NOW - 3 * HOUR);
        }
        model.personalization("newbie", true);
        model.ingest("newbie", "mv-a", InteractionType.COMPLETE, null, NOW - HOUR);

        Model.Result result = recommend(model, "newbie", COLLABORATIVE, Set.of(), all(model));
        assertThat(result.personalized()).isTrue();
        assertThat(result.items().getFirst().title().id()).isEqualTo("mv-b");
        assertThat(result.items().getFirst().reason())
                .isEqualTo(new Model.Reason("collaborative", "Because you watched Title mv-a", "mv-a"));
        assertThat(ids(result.items())).as("completed titles are not recommended again").doesNotContain("mv-a");

        Model.Result anonymous = recommend(model, "stranger", COLLABORATIVE, Set.of(), all(model));
        assertThat(anonymous.personalized()).isFalse();
        assertThat(anonymous.items().getFirst().title().id()).isEqualTo("mv-c");
    }

    @Test
    void withoutConsentNothingIsLearnedFromAUserAndWithdrawingTakesItBack() {
        Model model = model();
        model.ingest("private", "mv-a", InteractionType.PLAY, null, NOW - 2 * HOUR);
        model.ingest("private", "mv-d", InteractionType.PLAY, null, NOW - HOUR);
        model.personalization("probe", true);
        model.ingest("probe", "mv-a", InteractionType.PLAY, null, NOW - HOUR);
        assertThat(ids(recommend(model, "probe", COLLABORATIVE, Set.of(), all(model)).items()))
                .as("the private user's pair a-d is not learned").first().isNotEqualTo("mv-d");
        assertThat(model.similar("mv-a", 3, all(model), Set.of(), NOW).getFirst().reason().scorer())
                .isNotEqualTo("collaborative");

        model.personalization("private", true);
        assertThat(recommend(model, "probe", COLLABORATIVE, Set.of(), all(model)).items().getFirst().title().id())
                .isEqualTo("mv-d");
        model.personalization("private", false);
        assertThat(recommend(model, "probe", COLLABORATIVE, Set.of(), all(model)).items().getFirst().reason()
                .scorer()).isEqualTo("trending");
        assertThat(recommend(model, "private", HYBRID, Set.of(), all(model)).personalized()).isFalse();
    }

    @Test
    void onlyActivityInBrandsWithConsentIsLearnedAndUsedAndMovingConsentMovesWhatIsLearned() {
        Model model = model();
        model.personalization("probe", true);
        model.ingest("probe", "mv-a", InteractionType.PLAY, null, NOW - HOUR);
        // A user who consents in the kids brand only: the pair a-d they formed in the main brand is not learned.
        model.personalization("two-apps", Set.of("kids"));
        model.ingest("two-apps", "mv-a", InteractionType.PLAY, null, NOW - 3 * HOUR, "kids");
        model.ingest("two-apps", "mv-d", InteractionType.PLAY, null, NOW - 2 * HOUR, "marquee");
        assertThat(ids(recommend(model, "probe", COLLABORATIVE, Set.of(), all(model)).items()))
                .as("a-d formed outside the consenting brand").first().isNotEqualTo("mv-d");
        // Nor is it used for the user's own lists in the brand with consent: the kids list knows only mv-a.
        Model.Result kids = model.recommend(new Model.Request("two-apps", "kids", 5, all(model), Set.of(),
                HYBRID, NOW));
        assertThat(kids.personalized()).isTrue();
        assertThat(kids.items().stream().map(r -> r.reason().becauseOf())).doesNotContain("mv-d");
        assertThat(model.recommend(new Model.Request("two-apps", "marquee", 5, all(model), Set.of(), HYBRID, NOW))
                .personalized()).isFalse();

        // Consent given in the main brand too: the pair is learned; withdrawn there again: taken back.
        model.personalization("two-apps", Set.of("kids", "marquee"));
        assertThat(recommend(model, "probe", COLLABORATIVE, Set.of(), all(model)).items().getFirst().title().id())
                .isEqualTo("mv-d");
        model.personalization("two-apps", Set.of("kids"));
        assertThat(ids(recommend(model, "probe", COLLABORATIVE, Set.of(), all(model)).items()))
                .first().isNotEqualTo("mv-d");
        model.personalization("two-apps", Set.of());
        assertThat(model.recommend(new Model.Request("two-apps", "kids", 5, all(model), Set.of(), HYBRID, NOW))
                .personalized()).isFalse();
    }

    @Test
    void erasureTakesBackTrendingPairsAndTheProfile() {
        Model model = model();
        model.personalization("leaver", true);
        model.personalization("stayer", true);
        model.ingest("stayer", "mv-c", InteractionType.PLAY, null, NOW - HOUR);
        model.ingest("leaver", "mv-c", InteractionType.PLAY, null, NOW - HOUR);
        model.ingest("leaver", "mv-f", InteractionType.COMPLETE, null, NOW - HOUR);
        model.ingest("leaver", "mv-f", InteractionType.LIKE, null, NOW - HOUR);
        assertThat(recommend(model, "stayer", COLLABORATIVE, Set.of(), all(model)).items().getFirst().title().id())
                .isEqualTo("mv-f");
        double before = model.trending(1, all(model), Set.of(), NOW).getFirst().score();

        assertThat(model.erase("leaver")).isEqualTo(3);
        assertThat(model.erase("leaver")).isZero();
        assertThat(model.interactions()).isEqualTo(1);
        assertThat(model.trending(1, all(model), Set.of(), NOW).getFirst().title().id()).isEqualTo("mv-c");
        assertThat(model.trending(1, all(model), Set.of(), NOW).getFirst().score()).isLessThan(before);
        assertThat(model.similar("mv-c", 5, all(model), Set.of(), NOW))
                .noneMatch(r -> r.reason().scorer().equals("collaborative"));
        assertThat(model.personalized("leaver")).isFalse();
    }

    @Test
    void interactionsPastTheirRetentionAreForgottenWithWhatWasDerivedFromThem() {
        long year = 365 * 24 * HOUR;
        Model model = model();
        for (int i = 0; i < 5; i++) {
            model.personalization("veteran" + i, true);
            model.ingest("veteran" + i, "mv-a", InteractionType.PLAY, null, NOW - 2 * year);
            model.ingest("veteran" + i, "mv-b", InteractionType.PLAY, null, NOW - 2 * year);
        }
        model.ingest("veteran0", "mv-c", InteractionType.COMPLETE, null, NOW - HOUR);
        model.ingest("drifter", "mv-d", InteractionType.PLAY, null, NOW - 2 * year);
        model.personalization("newbie", true);
        model.ingest("newbie", "mv-a", InteractionType.COMPLETE, null, NOW - HOUR);
        assertThat(recommend(model, "newbie", COLLABORATIVE, Set.of(), all(model)).items().getFirst().reason())
                .isEqualTo(new Model.Reason("collaborative", "Because you watched Title mv-a", "mv-a"));
        int users = model.users();

        assertThat(model.forget(NOW - year)).isEqualTo(11);
        assertThat(model.forget(NOW - year)).isZero();

        assertThat(model.interactions()).isEqualTo(2);
        assertThat(model.users()).as("the drifter had nothing else; consenting users stay").isEqualTo(users - 1);
        assertThat(recommend(model, "newbie", COLLABORATIVE, Set.of(), all(model)).items())
                .as("the pair a-b of two years ago is gone")
                .noneMatch(r -> r.reason().scorer().equals("collaborative"));
        assertThat(model.similar("mv-a", 5, all(model), Set.of(), NOW))
                .noneMatch(r -> r.reason().scorer().equals("collaborative"));
        assertThat(model.popularityAt(model.catalog().indexOf("mv-c"), NOW - HOUR)).as("the recent complete stays")
                .isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.01));
        // What is left still pairs: veteran0's recent complete with a new title counts as before.
        model.ingest("veteran0", "gm-e", InteractionType.PLAY, null, NOW);
        assertThat(model.similar("mv-c", 5, all(model), Set.of(), NOW).getFirst().reason().scorer())
                .isEqualTo("collaborative");
    }

    @Test
    void statedTastesGiveANewUserAPersonalStartAndDislikesSinkGenres() {
        Model model = model();
        model.personalization("talker", true);
        model.statePreference("talker", true, List.of("space opera"), List.of("space opera"), null);
        model.statePreference("talker", false, List.of("horror"), List.of(), null);
        Model.Result result = recommend(model, "talker", HYBRID, Set.of(), all(model));
        assertThat(result.personalized()).isTrue();
        assertThat(result.items().getFirst().title().id()).isEqualTo("mv-b");
        assertThat(result.items().getFirst().reason().text()).isEqualTo("Matches 'space opera'");
        assertThat(ids(result.items()).indexOf("mv-d")).isGreaterThan(ids(result.items()).indexOf("mv-c"));
    }

    @Test
    void aTasteStatedAgainCountsOnceAndOnlyTheMostRecentTastesAreKept() {
        Model model = model();
        model.personalization("talker", true);
        model.statePreference("talker", true, List.of("space opera"), List.of("space opera"), null);
        model.statePreference("talker", false, List.of("horror"), List.of(), null);
        Model.Result once = recommend(model, "talker", HYBRID, Set.of(), all(model));
        for (int i = 0; i < 40; i++) {
            model.statePreference("talker", true, List.of("space opera"), List.of("space opera"), null);
        }
        model.statePreference("talker", false, List.of("horror"), List.of(), null);
        Model.Result repeated = recommend(model, "talker", HYBRID, Set.of(), all(model));
        assertThat(model.statedPreferences("talker")).isEqualTo(2);
        assertThat(ids(repeated.items())).isEqualTo(ids(once.items()));
        assertThat(repeated.items().getFirst().score()).isEqualTo(once.items().getFirst().score());

        // Sixteen newer tastes push the first two out: the horror dislike no longer sinks mv-d.
        for (int i = 0; i < Model.STATED_PREFERENCES; i++) {
            model.statePreference("talker", true, List.of(), List.of("phrase " + i), null);
        }
        Model.Result later = recommend(model, "talker", HYBRID, Set.of(), all(model));
        assertThat(model.statedPreferences("talker")).isEqualTo(Model.STATED_PREFERENCES);
        assertThat(later.items()).noneMatch(r -> r.reason().text().equals("Matches 'space opera'"));
    }

    @Test
    void rulesFilterExcludeAndNeverRepeatAcrossPages() {
        Model model = model();
        CatalogSnapshot.Filter kidsInGermany = model.catalog().filter(null, Set.of(TitleKind.MOVIE), "DE", 7, NOW);
        assertThat(ids(recommend(model, "kid", HYBRID, Set.of(), kidsInGermany).items())).containsExactly("mv-g");

        CatalogSnapshot.Filter movies = model.catalog().filter(null, Set.of(TitleKind.MOVIE), null, null, NOW);
        List<String> first = ids(model.recommend(new Model.Request("pager", 3, movies, Set.of(), HYBRID, NOW))
                .items());
        List<String> second = ids(model.recommend(new Model.Request("pager", 3, movies, Set.copyOf(first), HYBRID,
                NOW)).items());
        assertThat(first).hasSize(3).doesNotContain("gm-e");
        assertThat(second).hasSize(3).doesNotContainAnyElementsOf(first);
        assertThat(model.catalog().filter("no such genre", Set.of(), null, null, NOW).test(0)).isFalse();
    }

    @Test
    void diversityReRankingSpreadsGenresOverTheTop() {
        List<TitleFacts> titles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            titles.add(title("mv-s" + i, TitleKind.MOVIE, 2020, 0, "sci-fi"));
        }
        titles.add(title("mv-c0", TitleKind.MOVIE, 2020, 0, "comedy"));
        titles.add(title("mv-h0", TitleKind.MOVIE, 2020, 0, "horror"));
        Model model = new Model(new CatalogSnapshot(titles), settings(), NOW - HOUR);
        for (int i = 0; i < 6; i++) {
            for (int u = 0; u <= 10 - i; u++) {
                model.ingest("u" + u, "mv-s" + i, InteractionType.PLAY, null, NOW - HOUR);
            }
        }
        model.ingest("u0", "mv-c0", InteractionType.PLAY, null, NOW - HOUR);
        model.ingest("u0", "mv-h0", InteractionType.CLICK, null, NOW - HOUR);
        CatalogSnapshot.Filter all = model.catalog().filter(null, Set.of(), null, null, NOW);
        Strategy focused = new Strategy("focused", 1, 0, 0, 0, 0, 50);
        Strategy diverse = new Strategy("diverse", 1, 0, 0, 0, 0.5, 50);
        assertThat(ids(model.recommend(new Model.Request("x", 3, all, Set.of(), focused, NOW)).items()))
                .allMatch(id -> id.startsWith("mv-s"));
        assertThat(ids(model.recommend(new Model.Request("x", 3, all, Set.of(), diverse, NOW)).items()))
                .contains("mv-c0", "mv-h0");
    }

    @Test
    void movingTheDecayEpochRescalesEveryTitleIncludingTheOneBeingLearned() {
        long longAgo = NOW - 500L * 24 * HOUR;
        Model model = new Model(model().catalog(), settings(), longAgo);
        model.ingest("u1", "mv-a", InteractionType.PLAY, null, longAgo + HOUR);
        // 500 days is over 60 half-lives: this interaction moves the epoch and rescales mv-a's old sum first.
        model.ingest("u2", "mv-a", InteractionType.PLAY, null, NOW);
        assertThat(model.trending(1, all(model), Set.of(), NOW).getFirst().score())
                .isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void withConsentFinishedTitlesStayOutOfEveryStrategyIncludingTrending() {
        Model model = model();
        model.ingest("crowd", "mv-c", InteractionType.PLAY, null, NOW - HOUR);
        model.personalization("finisher", true);
        model.ingest("finisher", "mv-c", InteractionType.COMPLETE, null, NOW - HOUR);
        Strategy trending = new Strategy("trending", 1, 0, 0, 0, 0, 50);
        assertThat(ids(recommend(model, "finisher", trending, Set.of(), all(model)).items())).doesNotContain("mv-c");
        assertThat(ids(recommend(model, "someone-else", trending, Set.of(), all(model)).items())).first()
                .isEqualTo("mv-c");
    }

    @Test
    void aTitleTheCatalogDoesNotHaveIsNotLearned() {
        Model model = model();
        assertThat(model.ingest("u", "mv-zzz", InteractionType.PLAY, null, NOW)).isFalse();
        assertThat(model.interactions()).isZero();
    }
}
