package io.picturepipeline.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.picturepipeline.schemas.Stage;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransientRetriesTest {

    private static final InProcessRetry SETTINGS =
            new InProcessRetry(3, Duration.ofMillis(20), 2.0, Duration.ofMillis(200), Duration.ofSeconds(2));

    @Test
    void aTransientFailureIsRetriedUpToTheAttemptsAndCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Retry retry = TransientRetries.retry("test", SETTINGS, Stage.DOWNLOAD, registry);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.executeRunnable(() -> {
                    calls.incrementAndGet();
                    throw new TransientException("GET http://host answered 503", null, null);
                }))
                .isInstanceOf(TransientException.class);

        assertThat(calls).hasValue(3);
        assertThat(registry.get(TransientRetries.RETRIES)
                        .tags("stage", "download", "reason", "server_error")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aPermanentFailureIsNeverRetried() {
        Retry retry = TransientRetries.retry("test", SETTINGS);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.executeRunnable(() -> {
                    calls.incrementAndGet();
                    throw new NonRetryableException("422");
                }))
                .isInstanceOf(NonRetryableException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theBackoffIsJitteredAndNeverShorterThanTheRetryAfter() {
        RetryConfig config = TransientRetries.config(SETTINGS);
        TransientException throttled = new TransientException("429", Duration.ofMillis(1500), null);
        TransientException unavailable = new TransientException("503", null, null);

        assertThat(config.getIntervalBiFunction().apply(1, Either.left(throttled)))
                .isGreaterThanOrEqualTo(1500);
        assertThat(config.getIntervalBiFunction().apply(1, Either.left(new CompletionException(unavailable))))
                .isBetween(10L, 30L);
    }

    @Test
    void aRetryAfterLongerThanTheLimitFailsAtOnceForTheBackoffTiers() {
        assertThat(TransientRetries.retryable(
                        new TransientException("429", Duration.ofSeconds(30), null), SETTINGS.maxRetryAfter()))
                .isFalse();
        assertThat(TransientRetries.retryable(
                        new TransientException("429", Duration.ofSeconds(1), null), SETTINGS.maxRetryAfter()))
                .isTrue();
    }

    @Test
    void namesTheReasonOfARetry() {
        assertThat(RetryReason.of(new TransientException("throttled", Duration.ofSeconds(1), null)))
                .isEqualTo("rate_limited");
        assertThat(RetryReason.of(new TransientException("x", new ConnectException("refused"))))
                .isEqualTo("connection");
        assertThat(RetryReason.of(new TransientException("fetching h did not finish within PT1M", null, null)))
                .isEqualTo("timeout");
        assertThat(RetryReason.of(new IllegalStateException("bug"))).isEqualTo("other");
    }
}
