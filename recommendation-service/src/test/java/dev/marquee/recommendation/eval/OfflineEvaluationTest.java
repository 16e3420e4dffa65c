package dev.marquee.recommendation.eval;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's strategies, evaluated offline on seeded synthetic data with latent taste structure: the hybrid
 * must beat the popularity baseline on NDCG@10, which it can only do by finding each user's tastes. The report
 * is kept as target/offline-evaluation.md.
 */
class OfflineEvaluationTest {

    @Test
    void theHybridBeatsPopularityOnSyntheticTastes() throws IOException {
        Dataset dataset = SyntheticData.generate(42, 1000, 1000, 50_000);
        List<EvaluatedRecommender> recommenders = new java.util.ArrayList<>();
        recommenders.add(new PopularityBaseline());
        recommenders.addAll(Evaluate.strategiesOf(new EvaluationSettings()));

        Report report = Evaluator.evaluate(dataset, 0.8, 10, recommenders);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/offline-evaluation.md"), report.table());
        System.out.println(report.table());

        double baseline = report.row("popularity").ndcg();
        assertThat(baseline).as("popularity is a real baseline, well above zero").isGreaterThan(0.01);
        assertThat(report.row("hybrid").ndcg()).as("hybrid NDCG@10 against popularity %.4f", baseline)
                .isGreaterThan(baseline * 1.2);
        assertThat(report.row("hybrid").recall()).isGreaterThan(report.row("popularity").recall());
        assertThat(report.row("hybrid").coverage()).isGreaterThan(report.row("popularity").coverage());
    }
}
