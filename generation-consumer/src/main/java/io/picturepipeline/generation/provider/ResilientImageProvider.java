package io.picturepipeline.generation.provider;

import io.github.resilience4j.retry.Retry;
import io.picturepipeline.retry.TransientRetries;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one place where provider calls are retried in process and measured. The retries are the shared ones of
 * {@code retry-dlq} ({@link io.picturepipeline.retry.TransientRetries}): transient failures (timeouts, connection
 * errors, 5xx, 429) a few times with jittered exponential backoff, a 429's {@code Retry-After} honoured when it is
 * short and failing the call at once when longer (the poller reschedules; the listener leaves it to the backoff
 * tiers); permanent failures never. Async retries wait on a scheduler, not on a blocked thread.
 *
 * <p>Retrying a create that timed out may create a second prediction if the first request did reach the provider:
 * Replicate has no idempotency key. That is the price of not failing a generation on one lost response.
 */
final class ResilientImageProvider implements ImageProvider, AutoCloseable {

    private final ImageProvider delegate;
    private final Retry retry;
    private final ProviderMetrics metrics;
    private final ProviderBudget budget;
    private final ScheduledExecutorService retryScheduler;

    ResilientImageProvider(ImageProvider delegate, Retry retry, ProviderMetrics metrics, ProviderBudget budget) {
        this.delegate = delegate;
        this.budget = budget;
        this.retry = retry;
        this.metrics = metrics;
        this.retryScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "provider-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /**
     * Retried in process only when the provider's answer says nothing was created (5xx, 429, refused connection). A
     * create that timed out without an answer may have been accepted: it is not repeated here but thrown, so the
     * redelivery looks for it first ({@link #findCreated}).
     */
    @Override
    public Prediction create(GenerationRequest request) {
        try {
            return retry.executeSupplier(() -> {
                try {
                    return metrics.timed("create", () -> delegate.create(request));
                } catch (ProviderUnavailableException e) {
                    if (e.kind() == ProviderUnavailableException.Kind.TIMEOUT && e.status() == 0) {
                        throw new OutcomeUnknown(e);
                    }
                    throw e;
                }
            });
        } catch (OutcomeUnknown unknown) {
            throw unknown.timeout;
        }
    }

    /**
     * As {@link #create}, on the retry scheduler instead of a blocked thread: the same retries, the same timeout rule
     * (a create that timed out without an answer is not repeated but failed, so the redelivery looks for it first).
     */
    @Override
    public CompletableFuture<Prediction> createAsync(GenerationRequest request) {
        return retry.executeCompletionStage(
                        retryScheduler,
                        () -> metrics.timedAsync("create", () -> delegate.createAsync(request))
                                .exceptionally(error -> {
                                    if (TransientRetries.unwrap(error) instanceof ProviderUnavailableException e
                                            && e.kind() == ProviderUnavailableException.Kind.TIMEOUT
                                            && e.status() == 0) {
                                        throw new OutcomeUnknown(e);
                                    }
                                    throw new CompletionException(TransientRetries.unwrap(error));
                                }))
                .toCompletableFuture()
                .exceptionally(error -> {
                    Throwable cause = TransientRetries.unwrap(error);
                    throw new CompletionException(cause instanceof OutcomeUnknown unknown ? unknown.timeout : cause);
                });
    }

    /** Carries a create timeout past the retry, which retries transient failures only. */
    private static final class OutcomeUnknown extends RuntimeException {

        private final ProviderUnavailableException timeout;

        OutcomeUnknown(ProviderUnavailableException timeout) {
            super(timeout.getMessage(), timeout, false, false);
            this.timeout = timeout;
        }
    }

    @Override
    public CompletableFuture<Prediction> get(String predictionId) {
        return retry.executeCompletionStage(
                        retryScheduler, () -> metrics.timedAsync("poll", () -> delegate.get(predictionId)))
                .toCompletableFuture();
    }

    /** One attempt per page, no in-process retry: a failure is transient and the record is tried again later. */
    @Override
    public Optional<Prediction> findCreated(UUID generationId, Instant since) {
        budget.spendCall();
        return metrics.timed("list", () -> delegate.findCreated(generationId, since));
    }

    @Override
    public void cancel(String predictionId) {
        budget.spendCall();
        retry.executeRunnable(() -> metrics.timed("cancel", () -> {
            delegate.cancel(predictionId);
            return null;
        }));
    }

    @Override
    public void close() throws Exception {
        retryScheduler.shutdownNow();
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
