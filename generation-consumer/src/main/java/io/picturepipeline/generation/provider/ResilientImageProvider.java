package io.picturepipeline.generation.provider;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.picturepipeline.generation.GenerationSettings.ProviderRetry;
import io.picturepipeline.retry.TransientException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one place where provider calls are retried in process and measured. Transient failures (timeouts, connection
 * errors, 5xx, 429) are retried a few times with jittered exponential backoff; a 429's {@code Retry-After} is
 * honoured when it is short ({@code retry.max-retry-after}), and a longer one fails the call at once so the caller
 * decides (the poller reschedules; the listener leaves it to the Kafka retry policy). Permanent failures are never
 * retried. Async retries wait on a scheduler, not on a blocked thread.
 *
 * <p>Retrying a create that timed out may create a second prediction if the first request did reach the provider:
 * Replicate has no idempotency key. That is the price of not failing a generation on one lost response.
 */
final class ResilientImageProvider implements ImageProvider, AutoCloseable {

    private final ImageProvider delegate;
    private final Retry retry;
    private final ProviderMetrics metrics;
    private final ScheduledExecutorService retryScheduler;

    ResilientImageProvider(ImageProvider delegate, ProviderRetry settings, ProviderMetrics metrics) {
        this.delegate = delegate;
        this.retry = Retry.of("provider-" + delegate.name(), config(settings));
        this.metrics = metrics;
        this.retryScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "provider-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    static RetryConfig config(ProviderRetry settings) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                settings.initialBackoff(), settings.multiplier(), 0.5, settings.maxBackoff());
        return RetryConfig.<Object>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(error -> retryable(ProviderMetrics.unwrap(error), settings.maxRetryAfter()))
                .intervalBiFunction((attempt, outcome) -> {
                    long delay = backoff.apply(attempt);
                    if (outcome.isLeft()
                            && ProviderMetrics.unwrap(outcome.getLeft()) instanceof TransientException transientError) {
                        delay = Math.max(
                                delay,
                                transientError
                                        .retryAfter()
                                        .map(Duration::toMillis)
                                        .orElse(0L));
                    }
                    return delay;
                })
                .build();
    }

    static boolean retryable(Throwable error, Duration maxRetryAfter) {
        return error instanceof TransientException transientError
                && transientError
                        .retryAfter()
                        .map(after -> after.compareTo(maxRetryAfter) <= 0)
                        .orElse(true);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Prediction create(GenerationRequest request) {
        return retry.executeSupplier(() -> metrics.timed("create", () -> delegate.create(request)));
    }

    @Override
    public CompletableFuture<Prediction> get(String predictionId) {
        return retry.executeCompletionStage(
                        retryScheduler, () -> metrics.timedAsync("poll", () -> delegate.get(predictionId)))
                .toCompletableFuture();
    }

    @Override
    public void cancel(String predictionId) {
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
