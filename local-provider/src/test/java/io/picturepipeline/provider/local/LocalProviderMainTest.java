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
    }

    @Test
    void settingsAreReadFromProviderEnvironmentVariables() {
        LocalProviderSettings settings = LocalProviderMain.settingsFrom(Map.of(
                "PROVIDER_PORT", "9999",
                "PROVIDER_LATENCY", "PT0.5S",
                "PROVIDER_API_TOKEN", "r8_abc",
                "PROVIDER_BIND_ADDRESS", "0.0.0.0"));

        assertThat(settings.port()).isEqualTo(9999);
        assertThat(settings.latency()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.apiToken()).isEqualTo("r8_abc");
        assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
    }
}
