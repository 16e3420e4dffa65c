package dev.marquee.recommendation.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The non-personalised baseline every strategy has to beat: the same ranking for everybody, by the number of
 * positive training interactions per title (ties by id), skipping the titles the user already has.
 */
public final class PopularityBaseline implements EvaluatedRecommender {

    private List<String> ranking = List.of();

    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public void train(Dataset dataset, List<LoggedInteraction> training) {
        Map<String, Integer> positives = new HashMap<>();
        for (LoggedInteraction interaction : training) {
            if (interaction.positive()) {
                positives.merge(interaction.titleId(), 1, Integer::sum);
            }
        }
        List<String> titles = new ArrayList<>();
        for (CatalogItem item : dataset.catalog()) {
            titles.add(item.id());
        }
        titles.sort(Comparator.<String>comparingInt(id -> -positives.getOrDefault(id, 0))
                .thenComparing(Comparator.naturalOrder()));
        ranking = List.copyOf(titles);
    }

    @Override
    public List<String> recommend(String userId, int k, Set<String> exclude) {
        List<String> result = new ArrayList<>(k);
        for (String title : ranking) {
            if (result.size() == k) {
                break;
            }
            if (!exclude.contains(title)) {
                result.add(title);
            }
        }
        return result;
    }
}
