package io.picturepipeline.provider.local;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validates a create body, applies prompt triggers and fault settings, and plans the new prediction. */
final class PredictionFactory {

    static final String PERMANENT_FAILURE_ERROR =
            "NSFW content detected. Try running it again, or try a different prompt. (local-provider: injected"
                    + " permanent failure)";

    private final FaultInjector faults;
    private final Counters counters;
    private final InstantSource clock;
    private final Duration retention;
    private final SourceImages sources;
    private final Map<String, AtomicInteger> failTimesByPrompt = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    PredictionFactory(
            FaultInjector faults, Counters counters, InstantSource clock, Duration retention, SourceImages sources) {
        this.faults = faults;
        this.counters = counters;
        this.clock = clock;
        this.retention = retention;
        this.sources = sources;
    }

    /** {@code cancelAfter} is the {@code Cancel-After} deadline from creation, or {@code null}. */
    Prediction create(ObjectNode body, ModelRef model, String baseUrl, Duration cancelAfter) {
        JsonNode input = body.get("input");
        if (input == null || !input.isObject()) {
            throw ApiException.invalid("input is required and must be an object");
        }
        ImageSpec image = ImageSpec.from(model, input, sources);
        WebhookTarget webhook = WebhookTarget.from(body);
        PromptTriggers triggers = PromptTriggers.parse(image.prompt());
        if (triggers.createStatus() != 0) {
            throw injected(triggers.createStatus(), "prompt trigger [fail:create:" + triggers.createStatus() + "]");
        }
        if (triggers.failTimes() > 0 && takeFailure(image.prompt(), triggers.failTimes())) {
            throw injected(503, "prompt trigger [fail:times=" + triggers.failTimes() + "]");
        }
        Duration latency = triggers.latency() != null ? triggers.latency() : faults.latencyForNewPrediction();
        boolean fails = triggers.permanentFailure() || faults.shouldFailPermanently();
        Timeline timeline = Timeline.plan(clock.instant(), latency);
        return new Prediction(
                sequence.incrementAndGet(),
                Hashes.newPredictionId(),
                model,
                ((ObjectNode) input).deepCopy(),
                image,
                baseUrl,
                timeline,
                fails ? PERMANENT_FAILURE_ERROR : null,
                webhook,
                cancelAfter == null ? null : timeline.createdAt().plus(cancelAfter),
                retention);
    }

    /** True while fewer than {@code times} create calls with this exact prompt have been failed. */
    private boolean takeFailure(String prompt, int times) {
        AtomicInteger failed = failTimesByPrompt.computeIfAbsent(prompt, key -> new AtomicInteger());
        return failed.getAndUpdate(n -> n < times ? n + 1 : n) < times;
    }

    private ApiException injected(int status, String reason) {
        counters.injectedErrors.increment();
        return ApiException.injected(status, faults.current().retryAfterSeconds(), reason);
    }
}
