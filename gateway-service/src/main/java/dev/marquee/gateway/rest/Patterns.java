package dev.marquee.gateway.rest;

/** Shapes of the public API's identifiers and parameters. */
final class Patterns {
    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String TITLE_ID = "[a-z]{2}-[0-9a-z-]{1,60}";
    static final String NUMBER = "[0-9]{1,6}";
    static final String CHANNEL = "[a-z][a-z0-9-]{0,31}";
    static final String SOURCE = "chat|home|search|detail|other";

    private Patterns() {
    }
}
