package dev.marquee.dialogue.ai;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Intent detection on sentence embeddings. A softmax regression over the 384-dimensional embeddings is trained
 * at start from {@code intents/exemplars.tsv} (deterministically: fixed order, epochs and rate), after a few
 * high-precision phrases that need no model (asking for a person, for help, for where one left off).
 * Catalog names in a message are masked first ({@code this title}, {@code this actor}) exactly as the
 * exemplars' {@code {title}} and {@code {actor}} placeholders are, so the words around a name decide.
 */
@ApplicationScoped
public class IntentClassifier {
    static final String EXEMPLARS = "intents/exemplars.tsv";
    public static final String TITLE_MASK = "this title";
    public static final String ACTOR_MASK = "this actor";

    private static final double SCALE = 5;
    private static final int EPOCHS = 300;
    private static final double RATE = 0.05;
    private static final double DECAY = 1e-4;

    /** Phrases that decide the intent without the model: a person, help, where one left off. */
    private static final List<Cue> CUES = List.of(
            new Cue(Intent.TALK_TO_HUMAN, Pattern.compile("\\b(human|real person|an agent|customer (service|support)"
                    + "|support team|tech support|speak to (someone|somebody|a person)|talk to (someone|somebody|a person)"
                    + "|refund|money back|cancel my (subscription|account|plan)|payment|billing|charged)\\b")),
            new Cue(Intent.WHERE_WAS_I, Pattern.compile("\\b(where was i|where did (i|we) (stop|leave off)|left off"
                    + "|pick up where|continue where|last time|what did you (suggest|recommend|show)"
                    + "|watch history|my history)\\b")),
            new Cue(Intent.HELP, Pattern.compile("^(help|help me|help\\?|menu|faq)$|\\bwhat can you do\\b"
                    + "|\\bhow (does this|do you|do i use this) work\\b")));

    private final Embeddings embeddings;
    private final Intent[] classes = Intent.values();
    private final double[][] weights;

    private record Cue(Intent intent, Pattern pattern) {
    }

    public IntentClassifier(Embeddings embeddings) {
        this.embeddings = embeddings;
        List<String[]> rows = labelledLines(EXEMPLARS);
        List<float[]> x = embeddings.embedAll(rows.stream()
                .map(r -> r[1].replace("{title}", TITLE_MASK).replace("{actor}", ACTOR_MASK)).toList());
        int[] y = rows.stream().mapToInt(r -> Intent.fromWireName(r[0]).ordinal()).toArray();
        List<Intent> missing = Arrays.stream(classes).filter(c -> Arrays.stream(y).noneMatch(v -> v == c.ordinal()))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(EXEMPLARS + " has no exemplars for " + missing);
        }
        this.weights = train(x, y, classes.length);
    }

    /**
     * The detected intent.
     *
     * @param intent     the intent
     * @param confidence the model's probability for it, 1 when a cue decided
     * @param cue        whether a phrase decided without the model
     */
    public record Classification(Intent intent, double confidence, boolean cue) {
    }

    /** Classifies a message whose catalog names are already masked. */
    public Classification classify(String maskedMessage) {
        String text = maskedMessage.strip();
        String lower = text.toLowerCase(java.util.Locale.ROOT).replace('’', '\'');
        for (Cue cue : CUES) {
            if (cue.pattern().matcher(lower).find()) {
                return new Classification(cue.intent(), 1, true);
            }
        }
        double[] p = probabilities(embeddings.embed(text));
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return new Classification(classes[best], p[best], false);
    }

    private double[] probabilities(float[] x) {
        double[] p = new double[weights.length];
        softmax(weights, x, p);
        return p;
    }

    /** The class probabilities of a vector under the weights (last column: bias), written into {@code p}. */
    private static void softmax(double[][] w, float[] x, double[] p) {
        int dims = x.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double s = w[c][dims];
            for (int d = 0; d < dims; d++) {
                s += w[c][d] * x[d];
            }
            p[c] = s * SCALE;
            max = Math.max(max, p[c]);
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
    }

    /** Stochastic gradient descent on the cross-entropy, in file order, from zero weights. */
    private static double[][] train(List<float[]> x, int[] y, int classes) {
        int dims = x.getFirst().length;
        double[][] w = new double[classes][dims + 1];
        double[] z = new double[classes];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i = 0; i < x.size(); i++) {
                float[] v = x.get(i);
                softmax(w, v, z);
                for (int c = 0; c < classes; c++) {
                    double g = (z[c] - (c == y[i] ? 1 : 0)) * SCALE;
                    for (int d = 0; d < dims; d++) {
                        w[c][d] -= RATE * (g * v[d] + DECAY * w[c][d]);
                    }
                    w[c][dims] -= RATE * g;
                }
            }
        }
        return w;
    }

    /** {@code label<TAB>text} lines of a class-path resource, without comments and blank lines. */
    public static List<String[]> labelledLines(String resource) {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines(resource)) {
            String[] parts = line.split("\t", 2);
            if (parts.length != 2 || parts[1].isBlank()) {
                throw new IllegalStateException(resource + ": not label<TAB>text: " + line);
            }
            rows.add(new String[]{parts[0].strip(), parts[1].strip()});
        }
        return rows;
    }

    /** The lines of a class-path resource, without comments and blank lines. */
    public static List<String> lines(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
