package dev.marquee.recommendation.eval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.marquee.events.InteractionType;
import dev.marquee.recommendation.TitleKind;
import dev.marquee.recommendation.model.CatalogSnapshot;
import dev.marquee.recommendation.model.Model;
import dev.marquee.recommendation.model.ModelSettings;
import dev.marquee.recommendation.model.Strategy;
import dev.marquee.recommendation.model.TitleFacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One of the service's strategies, evaluated offline: the same {@link Model} the service runs, with the same
 * settings and content vectors from the same embedding model, trained on the log's training period (every user
 * counted as consenting) and asked at the cutoff moment.
 */
public final class ModelRecommender implements EvaluatedRecommender {
    private static final Map<String, List<float[]>> VECTORS = new HashMap<>();
    private static EmbeddingModel embeddings;

    private final Strategy strategy;
    private final ModelSettings settings;
    private Model model;
    private long now;

    public ModelRecommender(Strategy strategy, ModelSettings settings) {
        this.strategy = strategy;
        this.settings = settings;
    }

    @Override
    public String name() {
        return strategy.name();
    }

    @Override
    public void train(Dataset dataset, List<LoggedInteraction> training) {
        List<float[]> vectors = vectors(dataset);
        List<TitleFacts> titles = new ArrayList<>(dataset.catalog().size());
        for (int i = 0; i < dataset.catalog().size(); i++) {
            CatalogItem item = dataset.catalog().get(i);
            titles.add(new TitleFacts(item.id(), TitleKind.fromWireName(item.kind()), item.name(), item.genres(),
                    item.tags(), item.year(), item.ageRating(), item.regions(), null, null, vectors.get(i)));
        }
        now = training.isEmpty() ? 0 : training.getLast().timestampMillis();
        long start = training.isEmpty() ? 0 : training.getFirst().timestampMillis();
        model = new Model(new CatalogSnapshot(titles), settings, start);
        Set<String> users = new HashSet<>();
        for (LoggedInteraction i : training) {
            if (users.add(i.userId())) {
                model.personalization(i.userId(), true);
            }
            model.ingest(i.userId(), i.titleId(), type(i.type()), i.rating(), i.timestampMillis());
        }
    }

    @Override
    public List<String> recommend(String userId, int k, Set<String> exclude) {
        CatalogSnapshot.Filter all = model.catalog().filter(null, Set.of(), null, null, now);
        return model.recommend(new Model.Request(userId, k, all, exclude, strategy, now)).items().stream()
                .map(r -> r.title().id()).toList();
    }

    private static InteractionType type(String wireName) {
        for (InteractionType type : InteractionType.values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown interaction type " + wireName);
    }

    /** Content vectors of the dataset's titles, computed once per dataset for all strategies. */
    private static synchronized List<float[]> vectors(Dataset dataset) {
        return VECTORS.computeIfAbsent(dataset.name() + "/" + dataset.catalog().size(), name -> {
            if (embeddings == null) {
                embeddings = new AllMiniLmL6V2EmbeddingModel();
            }
            List<float[]> result = new ArrayList<>(dataset.catalog().size());
            List<CatalogItem> items = dataset.catalog();
            for (int from = 0; from < items.size(); from += 64) {
                List<TextSegment> batch = items.subList(from, Math.min(items.size(), from + 64)).stream()
                        .map(i -> TextSegment.from(i.contentText()))
                        .toList();
                for (Embedding e : embeddings.embedAll(batch).content()) {
                    result.add(e.vector());
                }
            }
            return result;
        });
    }
}
