package dev.marquee.privacy;

import dev.marquee.events.CloudEventHeaders;

/** Identity of this service in the events it publishes. */
public final class Privacy {
    public static final String SERVICE = "privacy-service";
    public static final String EVENT_SOURCE = CloudEventHeaders.sourceOf(SERVICE);

    private Privacy() {
    }
}
