package dev.marquee.dialogue.llm;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import dev.marquee.dialogue.catalog.Audience;
import dev.marquee.dialogue.catalog.Catalog;
import dev.marquee.dialogue.catalog.CatalogClient;
import dev.marquee.dialogue.catalog.CatalogIndex;
import dev.marquee.dialogue.catalog.CatalogTitle;
import dev.marquee.dialogue.config.DialogueConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a language model may do: recommend titles (recommendation-service, with timeouts, retries and a
 * circuit breaker), search the catalog, look a title up and read the user's recent activity. Every argument is
 * validated; an invalid one gets an explanation back instead of a result, so the model can correct its call.
 * Results only ever contain titles the user may be shown.
 */
@ApplicationScoped
public class CatalogTools {
    private final ActiveTurns turns;
    private final CatalogIndex index;
    private final Catalog catalog;
    private final DialogueConfig config;

    public CatalogTools(ActiveTurns turns, CatalogIndex index, Catalog catalog, DialogueConfig config) {
        this.turns = turns;
        this.index = index;
        this.catalog = catalog;
        this.config = config;
    }

    @Tool("Recommends catalog titles for the user, optionally of one genre and one kind. Returns id, name, "
            + "kind, year, age rating and why each is recommended.")
    public String recommendTitles(@ToolMemoryId Object memoryId,
                                  @P(value = "a catalog genre, e.g. comedy; empty for any", required = false) String genre,
                                  @P(value = "movie, series, game or live_event; empty for any", required = false) String kind) {
        ActiveTurns.Active turn = turns.of(memoryId);
        Audience audience = turn.context().audience();
        String g = blankToNull(genre);
        if (g != null && !index.genres().contains(g.toLowerCase(Locale.ROOT))) {
            return "Invalid genre '" + g + "'. Valid genres: " + String.join(", ", index.genres()) + ".";
        }
        String k = blankToNull(kind);
        if (k != null && !audience.kinds().contains(k)) {
            return "Invalid kind '" + k + "'. Valid kinds: " + String.join(", ", audience.kinds()) + ".";
        }
        List<String> kinds = k == null ? audience.kinds().stream().filter(x -> !"episode".equals(x)).toList()
                : List.of(k);
        CatalogClient.RecommendationList list;
        try {
            list = catalog.recommend(turn.context().bearer(), config.maxCards(),
                    g == null ? null : g.toLowerCase(Locale.ROOT), kinds, audience);
        } catch (RuntimeException e) {
            return "The recommendation service is unavailable right now; say so and offer to try again.";
        }
        List<CatalogTitle> titles = list.items().stream().map(i -> index.get(i.titleId())).flatMap(Optional::stream)
                .toList();
        turn.found().addAll(titles);
        return list.items().stream().filter(i -> index.get(i.titleId()).isPresent())
                .map(i -> describe(index.get(i.titleId()).orElseThrow()) + " Why: " + i.reason())
                .collect(Collectors.joining("\n", "", titles.isEmpty() ? "No titles match." : ""));
    }

    @Tool("Searches the catalog by a free-text description of what the user wants (mood, theme, setting, actor).")
    public String searchCatalog(@ToolMemoryId Object memoryId,
                                @P(value = "what the user is looking for, in a few words", required = true) String description) {
        ActiveTurns.Active turn = turns.of(memoryId);
        if (description == null || description.isBlank() || description.length() > 200) {
            return "Invalid description: give 1 to 200 characters.";
        }
        List<CatalogTitle> titles = index.search(description, turn.context().audience(), config.maxCards()).stream()
                .map(CatalogIndex.Match::title).toList();
        turn.found().addAll(titles);
        return titles.isEmpty() ? "No titles match." : titles.stream().map(CatalogTools::describe)
                .collect(Collectors.joining("\n"));
    }

    @Tool("Details of one catalog title by its id (as returned by the other tools), e.g. mv-0001.")
    public String titleDetails(@ToolMemoryId Object memoryId, @P(value = "the title id", required = true) String titleId) {
        ActiveTurns.Active turn = turns.of(memoryId);
        if (titleId == null || !titleId.matches("[A-Za-z0-9._-]{1,64}")) {
            return "Invalid title id: use an id such as mv-0001 returned by another tool.";
        }
        Optional<CatalogTitle> title = index.get(titleId)
                .filter(t -> t.allowedFor(turn.context().audience(), java.time.Instant.now()));
        if (title.isEmpty()) {
            return "No title with id " + titleId + " is available to this user.";
        }
        CatalogTitle t = title.get();
        turn.found().add(t);
        return describe(t) + " Synopsis: " + t.synopsis() + " Cast: "
                + (t.cast() == null ? "" : String.join(", ", t.cast())) + ". Runtime: "
                + (t.runtimeMinutes() == null ? "n/a" : t.runtimeMinutes() + " min") + ".";
    }

    @Tool("The titles the user played, watched or rated recently. Only available with the user's consent to "
            + "personalization.")
    public String recentActivity(@ToolMemoryId Object memoryId) {
        ActiveTurns.Active turn = turns.of(memoryId);
        if (!turn.context().personalization()) {
            return "Not available: the user has not consented to personalization. Do not guess their history.";
        }
        List<CatalogClient.Activity> activity;
        try {
            activity = catalog.activity(turn.context().bearer(), 5);
        } catch (RuntimeException e) {
            return "The activity service is unavailable right now.";
        }
        if (activity.isEmpty()) {
            return "No recent activity.";
        }
        return activity.stream().map(a -> a.type() + " \"" + a.name() + "\" (id " + a.titleId() + ") at "
                + a.occurredAt()).collect(Collectors.joining("\n"));
    }

    static String describe(CatalogTitle t) {
        return "\"" + t.name() + "\" (id " + t.id() + ", " + t.kind().replace('_', ' ') + ", " + t.year() + ", rated "
                + t.ageRating() + "+, " + String.join("/", t.genres()) + ").";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
