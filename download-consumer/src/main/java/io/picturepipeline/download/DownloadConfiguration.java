package io.picturepipeline.download;

import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.retry.TransientRetries;
import io.picturepipeline.retry.egress.FetchPolicy;
import io.picturepipeline.retry.egress.HostResolver;
import io.picturepipeline.schemas.Stage;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DownloadSettings.class)
class DownloadConfiguration {

    @Bean
    FetchPolicy fetchPolicy(DownloadSettings settings) {
        return FetchPolicy.of(settings.allowedHosts(), settings.trustedInternalHosts(), HostResolver.system());
    }

    @Bean
    SafeFetcher safeFetcher(FetchPolicy policy, DownloadSettings settings, Clock clock) {
        return new SafeFetcher(policy, settings.limits(), clock);
    }

    @Bean
    PredictionOutputs predictionOutputs(DownloadSettings settings) {
        return new PredictionOutputs(settings.replicate(), settings.connectTimeout());
    }

    /** The shared in-process retries of {@code retry-dlq} around each output's fetch. */
    @Bean
    Retry fetchRetry(DownloadSettings settings, MeterRegistry registry) {
        return TransientRetries.retry("download-fetch", settings.retry(), Stage.DOWNLOAD, registry);
    }
}
