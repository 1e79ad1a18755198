package io.picturepipeline.generation.provider;

import java.util.concurrent.CompletableFuture;

/**
 * A service that turns a prompt into images asynchronously: a prediction is created, then observed until it ends.
 * Implementations throw {@link ProviderUnavailableException} for failures that may pass (timeouts, connection
 * errors, 5xx, 429) and {@link ProviderRejectedException} for permanent ones (other 4xx, unsupported input).
 */
public interface ImageProvider {

    /** A short stable name recorded with each prediction, e.g. {@code replicate}. */
    String name();

    /** Starts a prediction; blocks for the one HTTP call. Each call may create (and bill) a new prediction. */
    Prediction create(GenerationRequest request);

    /** The prediction's current state, without blocking the caller: completes on the provider client's threads. */
    CompletableFuture<Prediction> get(String predictionId);

    /** Asks the provider to stop a prediction (best effort; a finished one stays finished). */
    void cancel(String predictionId);
}
