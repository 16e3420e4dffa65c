package dev.marquee.dialogue.catalog;

import java.util.List;

/**
 * Who a reply is for, as far as the catalog is concerned: the kinds of title the persona may present, the
 * highest age rating allowed (the lower of the persona's cap and the user's profile) and the user's region.
 */
public record Audience(List<String> kinds, int maxAgeRating, String region) {
}
