package io.picturepipeline.testsupport;

import io.picturepipeline.schemas.Admission;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import java.time.Instant;
import java.util.UUID;

/**
 * A generation request for a test, every value the test does not name filled in: alice asks now, under a fresh id,
 * for one 512x512 SDXL image of "a lighthouse", 20 steps, guidance 7.5, seed 42, on the default admission.
 */
public final class RequestBuilder {

    private UUID id = UUID.randomUUID();
    private Instant at = Instant.now();
    private String owner = "alice";
    private String prompt = "a lighthouse";
    private boolean promptNamesTheId;
    private String negativePrompt;
    private String model = "stability-ai/sdxl";
    private int width = 512;
    private int height = 512;
    private int steps = 20;
    private double guidanceScale = 7.5;
    private Long seed = 42L;
    private Admission admission;

    private RequestBuilder() {}

    public static RequestBuilder aRequest() {
        return new RequestBuilder();
    }

    public RequestBuilder id(UUID id) {
        this.id = id;
        return this;
    }

    public RequestBuilder at(Instant at) {
        this.at = at;
        return this;
    }

    public RequestBuilder owner(String owner) {
        this.owner = owner;
        return this;
    }

    public RequestBuilder prompt(String prompt) {
        this.prompt = prompt;
        this.promptNamesTheId = false;
        return this;
    }

    /** The prompt followed by {@code " #<id>"}: the provider's predictions then name their generation exactly. */
    public RequestBuilder promptNamingTheId(String prompt) {
        this.prompt = prompt;
        this.promptNamesTheId = true;
        return this;
    }

    public RequestBuilder negativePrompt(String negativePrompt) {
        this.negativePrompt = negativePrompt;
        return this;
    }

    public RequestBuilder model(String model) {
        this.model = model;
        return this;
    }

    public RequestBuilder size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    public RequestBuilder steps(int steps, double guidanceScale) {
        this.steps = steps;
        this.guidanceScale = guidanceScale;
        return this;
    }

    /** The seed, or null for the provider's random one. */
    public RequestBuilder seed(Long seed) {
        this.seed = seed;
        return this;
    }

    public RequestBuilder admission(Admission admission) {
        this.admission = admission;
        return this;
    }

    public GenerationParameters parameters() {
        String text = promptNamesTheId ? prompt + " #" + id : prompt;
        return new GenerationParameters(
                text, negativePrompt, model, width, height, steps, guidanceScale, seed, null, null, 1);
    }

    public GenerationRequested build() {
        return GenerationRequested.of(id, at, owner, parameters(), admission);
    }
}
