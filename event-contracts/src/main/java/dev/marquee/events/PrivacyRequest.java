package dev.marquee.events;

import java.util.List;

/**
 * What erasure and export requests share: privacy-service publishes them again, with a higher attempt, to the
 * services that have not answered yet; each service answers once per publication.
 */
public interface PrivacyRequest {
    String requestId();

    String userId();

    int attempt();

    /** On a re-send, the services that have not answered yet; null on the first publication (every service). */
    List<String> pendingServices();

    /** Whether the named service is asked to answer this publication. */
    default boolean asks(String service) {
        return pendingServices() == null || pendingServices().contains(service);
    }

    /** The event id of the named service's answer to this publication (one answer per service and attempt). */
    default String answerId(String service) {
        return requestId() + "/" + service + "/" + attempt();
    }
}
