package dev.marquee.dialogue.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.dialogue.persona.Persona;
import dev.marquee.dialogue.persona.Personas;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prepares training data: transcripts of users who consented to model improvement in the conversation's brand,
 * at the time of the export, as JSONL in the OpenAI chat fine-tuning format ({@code {"messages":[{"role":"system",...},
 * {"role":"user",...},{"role":"assistant",...}]}}, one conversation per line). Every user and assistant message
 * is redacted of e-mail addresses, phone, card and account numbers, addresses and names (catalog titles and
 * cast are left alone); turns on which a guardrail triggered are left out, and so are users without consent.
 */
@ApplicationScoped
public class TrainingExport {
    private static final String QUERY = """
            SELECT c.id, c.persona, t.user_text, t.reply_text
            FROM conversation c
            JOIN consent_view cv ON cv.user_id = c.user_id AND cv.brand = c.brand AND cv.model_improvement
            JOIN turn t ON t.conversation_id = c.id AND cardinality(t.guardrails) = 0
            WHERE (?::text IS NULL OR c.brand = ?) AND c.updated_at >= ?
            ORDER BY c.updated_at, c.id, t.seq""";

    private final AgroalDataSource dataSource;
    private final Personas personas;
    private final Redactors redactors;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    public TrainingExport(AgroalDataSource dataSource, Personas personas, Redactors redactors, ObjectMapper mapper,
                          MeterRegistry registry) {
        this.dataSource = dataSource;
        this.personas = personas;
        this.redactors = redactors;
        this.mapper = mapper;
        this.registry = registry;
    }

    /** What was written. */
    public record Summary(int conversations, int messages, Map<String, Integer> redactions) {
    }

    /**
     * Writes the export.
     *
     * @param brand            only this brand's conversations, or all when null
     * @param since            only conversations active since then
     * @param maxConversations stop after this many conversations
     */
    public Summary write(String brand, Instant since, int maxConversations, OutputStream out) {
        PiiRedactor redactor = redactors.current();
        Map<String, Integer> redactions = new java.util.TreeMap<>();
        int conversations = 0;
        int messages = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(QUERY)) {
                ps.setFetchSize(500);
                ps.setString(1, brand);
                ps.setString(2, brand);
                ps.setTimestamp(3, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    UUID current = null;
                    List<Map<String, String>> lines = new ArrayList<>();
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        if (!id.equals(current)) {
                            if (current != null && writeLine(lines, out)) {
                                conversations++;
                                messages += lines.size();
                                if (conversations >= maxConversations) {
                                    lines.clear();
                                    break;
                                }
                            }
                            current = id;
                            lines = new ArrayList<>();
                            Persona persona = personas.get(rs.getString(2));
                            lines.add(Map.of("role", "system", "content", persona.systemPrompt()));
                        }
                        lines.add(Map.of("role", "user", "content", redact(redactor, rs.getString(3), redactions)));
                        lines.add(Map.of("role", "assistant", "content", redact(redactor, rs.getString(4), redactions)));
                    }
                    if (writeLine(lines, out)) {
                        conversations++;
                        messages += lines.size();
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read transcripts", e);
        }
        registry.counter("marquee.dialogue.training.exported").increment(conversations);
        return new Summary(conversations, messages, redactions);
    }

    private static String redact(PiiRedactor redactor, String text, Map<String, Integer> redactions) {
        PiiRedactor.Redaction r = redactor.redact(text == null ? "" : text);
        r.counts().forEach((k, v) -> redactions.merge(k, v, Integer::sum));
        return r.text();
    }

    /** One conversation as a line, when it has at least one exchange. */
    private boolean writeLine(List<Map<String, String>> messages, OutputStream out) {
        if (messages.size() < 3) {
            return false;
        }
        try {
            out.write(mapper.writeValueAsString(Map.of("messages", messages)).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
