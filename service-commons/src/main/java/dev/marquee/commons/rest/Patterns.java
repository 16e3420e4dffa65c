package dev.marquee.commons.rest;

/** Shapes of identifiers and parameters shared by the APIs, for Bean Validation's {@code @Pattern}. */
public final class Patterns {
    public static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    public static final String UUID_MESSAGE = "must be a UUID";
    public static final String TITLE_ID = "[a-z]{2}-[0-9a-z-]{1,60}";
    public static final String NUMBER = "[0-9]{1,6}";
    public static final String CHANNEL = "[a-z][a-z0-9-]{0,31}";
    /** A brand (tenant) name: it keys consent, events and aggregates, whose schemas allow 64 characters. */
    public static final String BRAND = "[a-z0-9][a-z0-9-]{0,63}";
    /** A persona id, e.g. nova-guide. */
    public static final String PERSONA_ID = "[a-z0-9][a-z0-9-]{0,62}";
    /** Surfaces a recommendation or an interaction can come from. */
    public static final String SOURCE = "chat|home|search|detail|other";
    public static final String SOURCE_MESSAGE = "must be one of chat, home, search, detail, other";

    private Patterns() {
    }
}
