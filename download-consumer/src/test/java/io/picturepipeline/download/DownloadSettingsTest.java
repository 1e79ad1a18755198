package io.picturepipeline.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

class DownloadSettingsTest {

    private static DownloadSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("pipeline.download", DownloadSettings.class);
    }

    @Test
    void defaultsToReplicatesDeliveryHostsAndTheDocumentedCaps() {
        DownloadSettings settings = bind(Map.of());

        assertThat(settings.allowedHosts())
                .containsExactly("replicate.delivery", "*.replicate.delivery", "pbxt.replicate.delivery");
        assertThat(settings.trustedInternalHosts()).isEmpty();
        assertThat(settings.maxBytes()).isEqualTo(DataSize.ofMegabytes(20));
        assertThat(settings.limits())
                .isEqualTo(new FetchLimits(20L * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(60), 3));
        assertThat(settings.replicate().baseUrl()).hasToString("https://api.replicate.com");
        assertThat(settings.replicate().configured()).as("no default token").isFalse();
        assertThat(settings.replicate().timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void bindsCommaSeparatedHostsSizesAndDurations() {
        DownloadSettings settings = bind(Map.of(
                "pipeline.download.allowed-hosts", "cdn.example, *.cdn.example:8443",
                "pipeline.download.trusted-internal-hosts", "127.0.0.1:8090",
                "pipeline.download.max-bytes", "1KB",
                "pipeline.download.download-timeout", "500ms"));

        assertThat(settings.allowedHosts()).containsExactly("cdn.example", "*.cdn.example:8443");
        String providerPort = System.getenv().getOrDefault("PROVIDER_PORT", "8090");
        assertThat(settings.trustedInternalHosts()).containsExactly("127.0.0.1:" + providerPort);
        assertThat(settings.limits().maxBytes()).isEqualTo(1024);
        assertThat(settings.limits().downloadTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theLocalProfileTrustsTheLocalProviderAndRunsOnASingleBroker() throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        new YamlPropertySourceLoader()
                .load("local", new ClassPathResource("download-consumer-local.yml"))
                .forEach(sources::addLast);
        Binder binder = new Binder(
                ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));

        DownloadSettings settings = binder.bindOrCreate("pipeline.download", DownloadSettings.class);

        String providerPort = System.getenv().getOrDefault("PROVIDER_PORT", "8090");
        assertThat(settings.trustedInternalHosts()).containsExactly("127.0.0.1:" + providerPort);
        assertThat(binder.bind("pipeline.kafka.replication-factor", Integer.class)
                        .get())
                .isEqualTo(1);
        assertThat(binder.bind("pipeline.kafka.min-insync-replicas", Integer.class)
                        .get())
                .isEqualTo(1);
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThatThrownBy(() -> bind(Map.of("pipeline.download.connect-timeout", "0s")))
                .hasRootCauseMessage("pipeline.download.connect-timeout must be positive");
    }
}
