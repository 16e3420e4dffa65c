package dev.marquee.dialogue.rest;

import dev.marquee.commons.problem.ProblemException;
import dev.marquee.commons.rest.ListPage;
import dev.marquee.commons.rest.Patterns;
import dev.marquee.commons.security.CurrentUser;
import dev.marquee.dialogue.Conversation;
import dev.marquee.dialogue.Turn;
import dev.marquee.dialogue.ai.Reply;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import dev.marquee.dialogue.service.ConversationService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The calling user's conversations: list, read (to resume, post a turn with its id) and delete. */
@Path("/v1/conversations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations")
public class ConversationResource {
    private final CurrentUser user;
    private final ConversationService conversations;

    public ConversationResource(CurrentUser user, ConversationService conversations) {
        this.user = user;
        this.conversations = conversations;
    }

    /** A conversation in a list. */
    public record ConversationSummary(String id, String persona, String channel, String state, int turns,
                                      Instant createdAt, Instant updatedAt) {
        static ConversationSummary of(Conversation c) {
            return new ConversationSummary(c.id.toString(), c.persona, c.channel, c.state, c.turns, c.createdAt,
                    c.updatedAt);
        }
    }

    /** One turn of a transcript. */
    public record TurnView(String turnId, int seq, String userText, Reply reply, String intent, String responder,
                           List<String> guardrails, Instant createdAt) {
        static TurnView of(Turn t) {
            return new TurnView(t.id.toString(), t.seq, t.userText, t.reply, t.intent, t.responder, t.guardrails,
                    t.createdAt);
        }
    }

    /** A conversation with its transcript. */
    public record ConversationDetail(ConversationSummary conversation, List<TurnView> turns) {
    }

    @GET
    @Operation(summary = "The caller's conversations, most recently active first")
    public ListPage<ConversationSummary> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
                                              @QueryParam("size") @DefaultValue(ListPage.DEFAULT_SIZE) @Min(1)
                                              @Max(ListPage.MAX_SIZE) int size) {
        var query = Conversation.find("userId = ?1 and brand = ?2", Sort.descending("updatedAt").and("id"),
                user.id(), user.brand());
        List<ConversationSummary> items = query.page(Page.of(page, size)).<Conversation>list().stream()
                .map(ConversationSummary::of).toList();
        return new ListPage<>(items, page, size, query.count());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete one of the caller's conversations with its turns, feedback and memory")
    public Response delete(@PathParam("id") @Pattern(regexp = Patterns.UUID,
            message = Patterns.UUID_MESSAGE) String id) {
        if (!conversations.delete(UUID.fromString(id), user.id(), user.brand())) {
            throw ProblemException.notFound("conversation", id);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of the caller's conversations with its transcript")
    public ConversationDetail get(@PathParam("id") @Pattern(regexp = Patterns.UUID,
            message = Patterns.UUID_MESSAGE) String id) {
        Conversation conversation = Conversation.findOwned(UUID.fromString(id), user.id(), user.brand());
        if (conversation == null) {
            throw ProblemException.notFound("conversation", id);
        }
        List<TurnView> turns = Turn.<Turn>list("conversationId", Sort.ascending("seq"), conversation.id).stream()
                .map(TurnView::of).toList();
        return new ConversationDetail(ConversationSummary.of(conversation), turns);
    }
}
