package dev.marquee.gateway.downstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * dialogue-service's streamed turns ({@code POST /v1/turns/stream}), relayed event by event as they arrive: the
 * REST client would wait for the whole answer, so this one is a plain HTTP client reading lines.
 */
@ApplicationScoped
public class DialogueStream {
    private static final String BROKEN_OFF = "{\"type\":\"urn:marquee:problem:bad-gateway\",\"title\":\"Bad gateway\","
            + "\"status\":502,\"detail\":\"dialogue-service stopped answering in the middle of the reply\"}";
    private final HttpClient http;
    private final URI endpoint;
    private final Duration firstByteTimeout;
    private final ObjectMapper mapper;

    public DialogueStream(@ConfigProperty(name = "quarkus.rest-client.dialogue.url") URI dialogue,
                          @ConfigProperty(name = "quarkus.rest-client.connect-timeout") long connectTimeoutMillis,
                          @ConfigProperty(name = "quarkus.rest-client.read-timeout") long readTimeoutMillis,
                          ObjectMapper mapper) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(connectTimeoutMillis)).build();
        this.endpoint = dialogue.resolve("/v1/turns/stream");
        this.firstByteTimeout = Duration.ofMillis(readTimeoutMillis);
        this.mapper = mapper;
    }

    /**
     * Sends the turn; returns once dialogue-service has answered with its status and headers.
     *
     * @throws ProcessingException when it does not answer
     */
    public HttpResponse<Stream<String>> open(Object turn, String bearerToken) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(firstByteTimeout)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                    .header(HttpHeaders.ACCEPT, MediaType.SERVER_SENT_EVENTS)
                    .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(turn))).build();
            return http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new ProcessingException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingException(e);
        }
    }

    /** An answer that is no stream (a problem), as a response to relay. */
    public static Response answer(HttpResponse<Stream<String>> answer) {
        try (Stream<String> lines = answer.body()) {
            Response.ResponseBuilder relayed = Response.status(answer.statusCode())
                    .entity(lines.collect(Collectors.joining("\n")));
            answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> relayed.type(type));
            answer.headers().firstValue(HttpHeaders.RETRY_AFTER)
                    .ifPresent(seconds -> relayed.header(HttpHeaders.RETRY_AFTER, seconds));
            return relayed.build();
        }
    }

    /**
     * The events of a stream ({@code event:} and {@code data:} lines, ended by a blank line), each sent on as it is
     * read; a client that goes away closes the connection to dialogue-service.
     */
    public static Multi<OutboundSseEvent> events(Stream<String> lines, Sse sse) {
        Iterator<String> source = lines.iterator();
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
                    emitter.onTermination(lines::close);
                    String name = null;
                    StringBuilder data = new StringBuilder();
                    try {
                        while (!emitter.isCancelled() && source.hasNext()) {
                            String line = source.next();
                            if (line.isEmpty()) {
                                if (!data.isEmpty()) {
                                    emitter.emit(sse.newEventBuilder().name(name == null ? "message" : name)
                                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(data.toString()).build());
                                }
                                name = null;
                                data.setLength(0);
                            } else if (line.startsWith("event:")) {
                                name = line.substring(6).strip();
                            } else if (line.startsWith("data:")) {
                                if (!data.isEmpty()) {
                                    data.append('\n');
                                }
                                data.append(line.substring(5).stripLeading());
                            }
                        }
                        emitter.complete();
                    } catch (UncheckedIOException e) {
                        // The reply stopped half-way: say so in the stream's own terms, as dialogue-service would.
                        emitter.emit(sse.newEventBuilder().name("error").mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(BROKEN_OFF).build());
                        emitter.complete();
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
