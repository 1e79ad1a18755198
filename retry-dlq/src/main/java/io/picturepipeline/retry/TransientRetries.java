package io.picturepipeline.retry;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.schemas.Stage;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one factory of in-process retries, shared by every stage: {@link TransientException}s are retried with
 * jittered exponential backoff, never sooner than their {@code Retry-After}; a {@code Retry-After} longer than
 * {@link InProcessRetry#maxRetryAfter()} fails the call at once (the backoff tiers wait for it without holding a
 * thread); anything else is never retried. Each retry counts in {@code pipeline.retries{stage, reason}}.
 */
public final class TransientRetries {

    static final String RETRIES = "pipeline.retries";

    private TransientRetries() {}

    public static Retry retry(String name, InProcessRetry settings) {
        return Retry.of(name, config(settings));
    }

    /** A retry whose every retry is counted in {@code pipeline.retries} of {@code stage}. */
    public static Retry retry(String name, InProcessRetry settings, Stage stage, MeterRegistry registry) {
        Retry retry = retry(name, settings);
        retry.getEventPublisher()
                .onRetry(event -> retries(registry, stage.wireName(), RetryReason.of(unwrap(event.getLastThrowable())))
                        .increment());
        return retry;
    }

    public static RetryConfig config(InProcessRetry settings) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                settings.initialBackoff(), settings.multiplier(), 0.5, settings.maxBackoff());
        return RetryConfig.<Object>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(error -> retryable(unwrap(error), settings.maxRetryAfter()))
                .intervalBiFunction((attempt, outcome) -> {
                    long delay = backoff.apply(attempt);
                    if (outcome.isLeft() && unwrap(outcome.getLeft()) instanceof TransientException transientError) {
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

    /** Whether an in-process retry may follow {@code error}. */
    public static boolean retryable(Throwable error, Duration maxRetryAfter) {
        return error instanceof TransientException transientError
                && transientError
                        .retryAfter()
                        .map(after -> after.compareTo(maxRetryAfter) <= 0)
                        .orElse(true);
    }

    /** The failure inside a {@link CompletionException} or {@link ExecutionException}. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static Counter retries(MeterRegistry registry, String stage, String reason) {
        return Counter.builder(RETRIES)
                .description("Retries decided, in process or through a backoff topic")
                .tag("stage", stage)
                .tag("reason", reason)
                .register(registry);
    }
}
