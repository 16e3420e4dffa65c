package dev.marquee.dialogue.llm;

import dev.marquee.dialogue.ai.TurnContext;
import dev.marquee.dialogue.catalog.CatalogTitle;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The turns a model is answering right now, by memory id: tools and the retriever run on whatever thread the
 * model client calls them from, and find here who they work for and what the user may see. Titles the tools
 * and the retriever produced are collected to become the reply's cards.
 */
@ApplicationScoped
public class ActiveTurns {
    private final Map<String, Active> active = new ConcurrentHashMap<>();

    /** A turn in progress. */
    public record Active(TurnContext context, List<CatalogTitle> found) {
    }

    public Active begin(TurnContext context) {
        Active turn = new Active(context, new CopyOnWriteArrayList<>());
        active.put(context.memoryId(), turn);
        return turn;
    }

    public void end(TurnContext context) {
        active.remove(context.memoryId());
    }

    /** The turn of a memory id; fails when no turn is in progress for it (a tool called out of turn). */
    public Active of(Object memoryId) {
        Active turn = memoryId == null ? null : active.get(memoryId.toString());
        if (turn == null) {
            throw new IllegalStateException("no turn in progress for memory " + memoryId);
        }
        return turn;
    }
}
