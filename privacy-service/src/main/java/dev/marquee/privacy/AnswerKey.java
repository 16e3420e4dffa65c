package dev.marquee.privacy;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Composite key of a service's answer to a saga request (a confirmation, a contribution): request and service. */
public class AnswerKey implements Serializable {
    public UUID requestId;
    public String service;

    @Override
    public boolean equals(Object o) {
        return o instanceof AnswerKey k && Objects.equals(requestId, k.requestId) && Objects.equals(service, k.service);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, service);
    }
}
