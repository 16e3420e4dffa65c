package dev.marquee.gateway.downstream;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * An answer that ends a request as it is, from where a resource method cannot return it (a streaming method
 * whose downstream answered with a problem instead of a stream, or a circuit that is open).
 */
public class RelayedAnswer extends RuntimeException {
    private final transient Response response;

    public RelayedAnswer(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    public Response response() {
        return response;
    }

    /** Sends a {@link RelayedAnswer}'s response. */
    public static class Mapper {
        @ServerExceptionMapper
        public Response relayed(RelayedAnswer answer) {
            return answer.response();
        }
    }
}
