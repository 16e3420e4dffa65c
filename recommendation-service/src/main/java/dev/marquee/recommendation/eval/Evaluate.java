package dev.marquee.recommendation.eval;

import java.util.List;

/**
 * {@code ./marquee evaluate [options]}: the offline evaluation of every configured strategy beside the
 * popularity baseline, on synthetic data or on MovieLens files (see {@link EvaluateCommand} for the options).
 */
public final class Evaluate {
    private Evaluate() {
    }

    public static void main(String[] args) {
        EvaluationSettings settings = new EvaluationSettings();
        EvaluateCommand.run(args, dataset -> strategiesOf(settings));
        System.exit(0);
    }

    /** The service's strategies as evaluated recommenders. */
    public static List<EvaluatedRecommender> strategiesOf(EvaluationSettings settings) {
        return settings.strategies().stream()
                .<EvaluatedRecommender>map(s -> new ModelRecommender(s, settings.model()))
                .toList();
    }
}
