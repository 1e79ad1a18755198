package io.picturepipeline.generation.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.ProviderUnavailableException.Kind;
import io.picturepipeline.generation.provider.replicate.ReplicateClient;
import io.picturepipeline.provider.local.Faults;
import io.picturepipeline.provider.local.LocalProvider;
import io.picturepipeline.provider.local.LocalProviderSettings;
import io.picturepipeline.retry.InProcessRetry;
import io.picturepipeline.retry.TransientRetries;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.Stage;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries and metrics of provider calls, against the local provider's injected faults. */
class ResilientImageProviderTest {

    private static final InProcessRetry RETRY =
            new InProcessRetry(3, Duration.ofMillis(20), 2.0, Duration.ofMillis(200), Duration.ofSeconds(2));

    private LocalProvider local;
    private SimpleMeterRegistry registry;
    private ResilientImageProvider provider;

    @BeforeEach
    void start() {
        local = LocalProvider.start(LocalProviderSettings.defaults().withLatency(Duration.ofMillis(200)));
        registry = new SimpleMeterRegistry();
        ReplicateClient client = new ReplicateClient(new GenerationSettings.Replicate(
                URI.create(local.baseUrl()),
                "t",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                2,
                Duration.ZERO,
                Duration.ZERO));
        provider = new ResilientImageProvider(
                client,
                TransientRetries.retry("provider", RETRY, Stage.GENERATE, registry),
                new ProviderMetrics(registry, client.name()),
                ProviderBudget.unlimited(registry));
    }

    @AfterEach
    void stop() throws Exception {
        provider.close();
        local.close();
    }

    @Test
    void transientCreateFailuresAreRetriedIntoOnePrediction() {
        Prediction prediction = provider.create(request("flaky [fail:times=2]"));

        assertThat(prediction.id()).isNotBlank();
        assertThat(local.stats().createRequests()).isEqualTo(3);
        assertThat(local.stats().created()).isEqualTo(1);
        assertThat(errors("create", "server_error")).isEqualTo(2);
        assertThat(registry.get("pipeline.retries")
                        .tags("stage", "generate", "reason", "server_error")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(ProviderMetrics.LATENCY)
                        .tags("operation", "create", "outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void asynchronousCreatesAreRetriedLikeBlockingOnesAndFailWithTheSameExceptions() {
        Prediction prediction =
                provider.createAsync(request("flaky, async [fail:times=2]")).join();

        assertThat(prediction.id()).isNotBlank();
        assertThat(local.stats().createRequests()).isEqualTo(3);
        assertThat(local.stats().created()).isEqualTo(1);
        assertThat(errors("create", "server_error")).isEqualTo(2);
        assertThat(provider.createAsync(request("invalid, async [fail:create:422]")))
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ProviderRejectedException.class);
        assertThat(local.stats().createRequests()).as("not retried").isEqualTo(4);
    }

    @Test
    void transientFailuresBeyondTheAttemptsReachTheCaller() {
        assertThatThrownBy(() -> provider.create(request("down [fail:times=5]")))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(local.stats().createRequests()).isEqualTo(3);
        assertThat(local.stats().created()).isZero();
    }

    @Test
    void permanentFailuresAreNeverRetried() {
        assertThatThrownBy(() -> provider.create(request("invalid [fail:create:422]")))
                .isInstanceOf(ProviderRejectedException.class);
        assertThat(local.stats().createRequests()).isEqualTo(1);
        assertThat(errors("create", "rejected")).isEqualTo(1);
    }

    @Test
    void transientPollFailuresAreRetriedWithoutBlockingTheCaller() {
        Prediction created = provider.create(request("polled"));
        local.faults(Faults.none().withErrorRate(503, 1.0));

        var poll = provider.get(created.id());

        assertThatThrownBy(poll::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(local.stats().polls()).isEqualTo(3);
        assertThat(errors("poll", "server_error")).isEqualTo(3);
    }

    @Test
    void shortRetryAfterIsWaitedForAndLongerBackoffIsKept() {
        RetryConfig config = TransientRetries.config(RETRY);
        ProviderUnavailableException throttled =
                new ProviderUnavailableException(Kind.RATE_LIMITED, 429, "throttled", Duration.ofMillis(1500), null);
        ProviderUnavailableException unavailable =
                new ProviderUnavailableException(Kind.SERVER_ERROR, 503, "unavailable", null, null);

        long afterThrottle = config.getIntervalBiFunction().apply(1, Either.left(throttled));
        long afterUnavailable = config.getIntervalBiFunction().apply(1, Either.left(unavailable));

        assertThat(afterThrottle).isGreaterThanOrEqualTo(1500);
        assertThat(afterUnavailable).isBetween(10L, 30L);
    }

    @Test
    void retryAfterLongerThanTheLimitFailsAtOnce() {
        ProviderUnavailableException longWait =
                new ProviderUnavailableException(Kind.RATE_LIMITED, 429, "throttled", Duration.ofSeconds(30), null);
        ProviderUnavailableException shortWait =
                new ProviderUnavailableException(Kind.RATE_LIMITED, 429, "throttled", Duration.ofSeconds(1), null);

        assertThat(TransientRetries.retryable(longWait, RETRY.maxRetryAfter())).isFalse();
        assertThat(TransientRetries.retryable(shortWait, RETRY.maxRetryAfter())).isTrue();
        assertThat(TransientRetries.retryable(new ProviderRejectedException(422, "no"), RETRY.maxRetryAfter()))
                .isFalse();
    }

    @Test
    void rateLimitedCreateWithALongRetryAfterIsNotRetried() {
        local.faults(Faults.none().withRateLimit(1.0, 30));

        assertThatThrownBy(() -> provider.create(request("throttled")))
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).retryAfter())
                        .contains(Duration.ofSeconds(30)));
        assertThat(local.stats().createRequests()).isEqualTo(1);
        assertThat(errors("create", "rate_limited")).isEqualTo(1);
    }

    private double errors(String operation, String kind) {
        var counter = registry.find(ProviderMetrics.ERRORS)
                .tags("operation", operation, "kind", kind)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static GenerationRequest request(String prompt) {
        return new GenerationRequest(
                UUID.randomUUID(),
                new GenerationParameters(prompt, null, "stability-ai/sdxl", 512, 512, 4, 7.5, 1L, null, null, 1),
                null);
    }
}
