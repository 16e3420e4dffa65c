package dev.marquee.dialogue;

import dev.marquee.dialogue.ai.Reply;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One exchange: what the user said and what the assistant answered. */
@Entity
@Table(name = "turn")
public class Turn extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "conversation_id")
    public UUID conversationId;

    @Column(name = "user_id")
    public String userId;

    /** 1-based position in the conversation. */
    public int seq;

    @Column(name = "user_text")
    public String userText;

    @Column(name = "reply_text")
    public String replyText;

    @JdbcTypeCode(SqlTypes.JSON)
    public Reply reply;

    public String intent;

    public String responder;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "title_ids")
    public List<String> titleIds;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> guardrails;

    @Column(name = "tokens_in")
    public Integer tokensIn;

    @Column(name = "tokens_out")
    public Integer tokensOut;

    @Column(name = "latency_ms")
    public long latencyMs;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The user's most recent turn that presented titles, in any conversation. */
    public static java.util.Optional<Turn> latestWithCards(String userId) {
        return getEntityManager().createNativeQuery("SELECT * FROM turn WHERE user_id = ?1 "
                        + "AND cardinality(title_ids) > 0 ORDER BY created_at DESC LIMIT 1", Turn.class)
                .setParameter(1, userId).getResultStream().findFirst().map(Turn.class::cast);
    }
}
