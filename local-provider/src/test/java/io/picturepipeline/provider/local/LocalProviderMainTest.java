package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalProviderMainTest {

    @Test
    void settingsDefaultToPort8090AndTwoSecondsLatency() {
        LocalProviderSettings settings = LocalProviderMain.settingsFrom(Map.of());

        assertThat(settings.port()).isEqualTo(8090);
        assertThat(settings.latency()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.apiToken()).isNull();
        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.rateLimits()).as("Replicate's").isEqualTo(new RateLimits(600, 3000, Duration.ofMinutes(1)));
    }

    @Test
    void settingsAreReadFromProviderEnvironmentVariables() {
        LocalProviderSettings settings = LocalProviderMain.settingsFrom(Map.of(
                "PROVIDER_PORT", "9999",
                "PROVIDER_LATENCY", "PT0.5S",
                "PROVIDER_API_TOKEN", "r8_abc",
                "PROVIDER_BIND_ADDRESS", "0.0.0.0",
                "PROVIDER_RATE_LIMIT_CREATES", "20",
                "PROVIDER_RATE_LIMIT_CALLS", "100",
                "PROVIDER_RATE_LIMIT_PERIOD", "PT2S"));

        assertThat(settings.port()).isEqualTo(9999);
        assertThat(settings.latency()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.apiToken()).isEqualTo("r8_abc");
        assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.rateLimits()).isEqualTo(new RateLimits(20, 100, Duration.ofSeconds(2)));
    }

    @Test
    void theEnvironmentOfSettingsStartsAProviderWithTheSameSettings() {
        LocalProviderSettings settings = LocalProviderSettings.defaults()
                .withPort(9191)
                .withLatency(Duration.ZERO)
                .withMaxPredictions(400_000)
                .withRateLimits(new RateLimits(6_000_000, 30_000_000, Duration.ofMinutes(1)));

        LocalProviderSettings read = LocalProviderMain.settingsFrom(LocalProviderMain.environmentOf(settings));

        assertThat(read).usingRecursiveComparison().ignoringFields("clock").isEqualTo(settings);
        assertThat(LocalProviderMain.settingsFrom(LocalProviderMain.environmentOf(settings.withApiToken("r8_x")))
                        .apiToken())
                .isEqualTo("r8_x");
    }
}
