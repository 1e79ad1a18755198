package io.picturepipeline.generation.provider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * {@code pipeline.provider.latency{provider, operation, outcome}} per HTTP attempt and
 * {@code pipeline.provider.errors{provider, operation, kind}} per failed attempt.
 */
final class ProviderMetrics {

    static final String LATENCY = "pipeline.provider.latency";
    static final String ERRORS = "pipeline.provider.errors";

    private final MeterRegistry registry;
    private final String provider;

    ProviderMetrics(MeterRegistry registry, String provider) {
        this.registry = registry;
        this.provider = provider;
    }

    <T> T timed(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        try {
            T result = call.get();
            stop(sample, operation, null);
            return result;
        } catch (RuntimeException e) {
            stop(sample, operation, e);
            throw e;
        }
    }

    <T> CompletableFuture<T> timedAsync(String operation, Supplier<CompletableFuture<T>> call) {
        Timer.Sample sample = Timer.start(registry);
        CompletableFuture<T> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            stop(sample, operation, e);
            return CompletableFuture.failedFuture(e);
        }
        return future.whenComplete((result, error) -> stop(sample, operation, error == null ? null : unwrap(error)));
    }

    private void stop(Timer.Sample sample, String operation, Throwable error) {
        sample.stop(Timer.builder(LATENCY)
                .description("Provider HTTP calls, one per attempt")
                .tag("provider", provider)
                .tag("operation", operation)
                .tag("outcome", outcome(error))
                .register(registry));
        if (error != null) {
            Counter.builder(ERRORS)
                    .description("Failed provider HTTP calls, one per attempt")
                    .tag("provider", provider)
                    .tag("operation", operation)
                    .tag("kind", kind(error))
                    .register(registry)
                    .increment();
        }
    }

    static String outcome(Throwable error) {
        if (error == null) {
            return "success";
        }
        if (error instanceof ProviderUnavailableException) {
            return "transient";
        }
        if (error instanceof ProviderRejectedException) {
            return "rejected";
        }
        return "error";
    }

    static String kind(Throwable error) {
        if (error instanceof ProviderUnavailableException unavailable) {
            return unavailable.kind().tag();
        }
        if (error instanceof ProviderRejectedException rejected) {
            return rejected.kind();
        }
        return "unexpected";
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
