package dev.marquee.dialogue.llm;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.marquee.dialogue.catalog.CatalogIndex;
import dev.marquee.dialogue.catalog.CatalogTitle;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Supplier;

/**
 * Retrieval augmentation over the catalog embeddings: the titles nearest to the user's message, among those
 * this user may be shown (persona topics, age rating, region, availability), are added to the prompt so the
 * model answers from the catalog. Retrieved titles may become cards.
 */
@ApplicationScoped
public class CatalogRetrieval implements Supplier<RetrievalAugmentor> {
    private static final int MAX_RESULTS = 4;

    private final CatalogIndex index;
    private final ActiveTurns turns;

    public CatalogRetrieval(CatalogIndex index, ActiveTurns turns) {
        this.index = index;
        this.turns = turns;
    }

    @Override
    public RetrievalAugmentor get() {
        ContentRetriever retriever = this::retrieve;
        return DefaultRetrievalAugmentor.builder().contentRetriever(retriever).build();
    }

    List<Content> retrieve(Query query) {
        ActiveTurns.Active turn = turns.of(query.metadata().chatMemoryId());
        List<CatalogTitle> titles = index.search(query.text(), turn.context().audience(), MAX_RESULTS).stream()
                .map(CatalogIndex.Match::title).toList();
        return titles.stream()
                .map(t -> Content.from(TextSegment.from("Catalog title " + CatalogTools.describe(t) + " " + t.synopsis())))
                .toList();
    }
}
