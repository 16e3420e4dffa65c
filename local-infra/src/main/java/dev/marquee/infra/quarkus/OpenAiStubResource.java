package dev.marquee.infra.quarkus;

import dev.marquee.infra.OpenAiStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Points a Quarkus test's {@code quarkus-langchain4j-openai} client at the JVM's shared {@link OpenAiStub}:
 * {@code quarkus.langchain4j.openai.base-url} and {@code api-key}, and the same for each named configuration in
 * the {@code name} init argument (comma-separated), e.g. {@code quarkus.langchain4j.openai.<name>.base-url}.
 * Each start resets the stub (no recorded requests, default responder).
 */
public class OpenAiStubResource implements QuarkusTestResourceLifecycleManager {
    private static final String PREFIX = "quarkus.langchain4j.openai.";

    private List<String> names = List.of();

    @Override
    public void init(Map<String, String> initArgs) {
        String name = initArgs.get("name");
        if (name != null && !name.isBlank()) {
            names = List.of(name.trim().split("\\s*,\\s*"));
        }
    }

    @Override
    public Map<String, String> start() {
        OpenAiStub stub = OpenAiStub.shared().reset();
        Map<String, String> config = new HashMap<>();
        config.put(PREFIX + "base-url", stub.baseUrl());
        config.put(PREFIX + "api-key", stub.apiKey());
        for (String name : names) {
            config.put(PREFIX + name + ".base-url", stub.baseUrl());
            config.put(PREFIX + name + ".api-key", stub.apiKey());
        }
        return config;
    }

    @Override
    public void stop() {
        // Shared by all tests of the JVM.
    }
}
