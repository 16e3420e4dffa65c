package dev.marquee.commons.rest;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list in every Marquee API: the items, which page of what size it is (pages count from 0) and how
 * many items there are in all, so clients know whether to ask for the next one.
 */
public record ListPage<T>(List<T> items, int page, int size, long total) {
    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 100;
    /** The page size when a client names none. */
    public static final String DEFAULT_SIZE = "20";

    /** The same page with each item turned into what the API shows of it. */
    public <R> ListPage<R> map(Function<? super T, ? extends R> view) {
        return new ListPage<>(items.stream().<R>map(view).toList(), page, size, total);
    }
}
