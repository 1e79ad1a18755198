package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GenerationSettingsTest {

    @Test
    void defaultsAreTheProductionOnes() {
        GenerationSettings settings = bind(Map.of());

        assertThat(settings.replicate().baseUrl()).isEqualTo(URI.create("https://api.replicate.com"));
        assertThat(settings.replicate().apiToken()).isEmpty();
        assertThat(settings.webhookBaseUrl()).isNull();
        assertThat(settings.firstPoll()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.replicate().syncWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.webhookSecret()).isNull();
        assertThat(settings.pollTick()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.maxConcurrentPolls()).isEqualTo(64);
        assertThat(settings.maxPollDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.maxInFlight()).isEqualTo(5000);
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.retry().maxAttempts()).isEqualTo(3);
    }

    @Test
    void keysBindInKebabCase() {
        GenerationSettings settings = bind(Map.of(
                "pipeline.generation.replicate.base-url", "http://127.0.0.1:8090",
                "pipeline.generation.webhook-base-url", "https://gen.example.com",
                "pipeline.generation.max-in-flight", "10",
                "pipeline.generation.retry.max-retry-after", "3s"));

        assertThat(settings.replicate().baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8090"));
        assertThat(settings.webhookBaseUrl()).isEqualTo(URI.create("https://gen.example.com"));
        assertThat(settings.maxInFlight()).isEqualTo(10);
        assertThat(settings.retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void leaseShorterThanAPollWithItsRetriesIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("pipeline.generation.lease", "20s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("lease");
    }

    @Test
    void nonPositiveIntervalsAreRefused() {
        assertThatThrownBy(() -> bind(Map.of("pipeline.generation.poll-interval", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("poll-interval");
    }

    @Test
    void withoutAWebhookPollsStartShortAndBackOffUpToThePollInterval() {
        GenerationSettings settings = bind(Map.of());

        assertThat(settings.nextPollDelay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.nextPollDelay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.nextPollDelay(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.nextPollDelay(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.nextPollDelay(40)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void withTheWebhookOnPollsAreASafetyNetFarApart() {
        GenerationSettings settings = bind(Map.of("pipeline.generation.webhook-base-url", "https://gen.example.com"));

        assertThat(settings.nextPollDelay(0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.nextPollDelay(5)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void syncWaitBeyondReplicatesSixtySecondsIsRefused() {
        assertThatThrownBy(() -> bind(Map.of(
                        "pipeline.generation.replicate.sync-wait", "61s",
                        "pipeline.generation.replicate.request-timeout", "90s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("sync-wait");
    }

    @Test
    void createTimeoutNotLongerThanTheSyncWaitIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("pipeline.generation.replicate.sync-wait", "20s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("request-timeout");
    }

    @Test
    void webhookSecretThatIsNotAStandardWebhooksKeyIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("pipeline.generation.webhook-secret", "hunter2")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("webhook-secret");
    }

    private static GenerationSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("pipeline.generation", GenerationSettings.class);
    }
}
