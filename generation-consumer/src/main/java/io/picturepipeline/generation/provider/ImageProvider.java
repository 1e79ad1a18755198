package io.picturepipeline.generation.provider;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
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

    /**
     * As {@link #create}, without holding the caller's thread while the provider answers (in sync mode up to the
     * sync wait): completes on the provider client's threads, exceptionally with the failure {@link #create} throws.
     */
    CompletableFuture<Prediction> createAsync(GenerationRequest request);

    /** The prediction's current state, without blocking the caller: completes on the provider client's threads. */
    CompletableFuture<Prediction> get(String predictionId);

    /**
     * The prediction an earlier create call made for this generation, looked up among the provider's recent
     * predictions (created since {@code since}) by the marker {@link #create} puts in every request; empty when there
     * is none. For a create whose answer was lost (a crash, a timeout): never pay for a second one.
     */
    Optional<Prediction> findCreated(UUID generationId, Instant since);

    /** Asks the provider to stop a prediction (best effort; a finished one stays finished). */
    void cancel(String predictionId);
}
