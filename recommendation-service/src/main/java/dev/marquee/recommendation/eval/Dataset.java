package dev.marquee.recommendation.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A named catalog with its interaction log, the unit the offline evaluation works on. The interactions are kept in
 * time order (the constructor sorts them stably if needed) because every split and every training run relies on it.
 */
public record Dataset(String name, List<CatalogItem> catalog, List<LoggedInteraction> interactions) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        catalog = List.copyOf(catalog);
        interactions = timeOrdered(interactions);
    }

    /** The number of distinct users in the log. */
    public int userCount() {
        return (int) interactions.stream().map(LoggedInteraction::userId).distinct().count();
    }

    private static List<LoggedInteraction> timeOrdered(List<LoggedInteraction> interactions) {
        for (int i = 1; i < interactions.size(); i++) {
            if (interactions.get(i).timestampMillis() < interactions.get(i - 1).timestampMillis()) {
                List<LoggedInteraction> sorted = new ArrayList<>(interactions);
                sorted.sort(Comparator.comparingLong(LoggedInteraction::timestampMillis));
                return List.copyOf(sorted);
            }
        }
        return List.copyOf(interactions);
    }
}
