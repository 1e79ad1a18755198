package io.picturepipeline.generation.provider;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.replicate.ReplicateClient;
import io.picturepipeline.retry.TransientRetries;
import io.picturepipeline.schemas.Stage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The provider the stage talks to: the Replicate client behind the shared in-process retries and metrics. */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    @Bean
    ImageProvider imageProvider(GenerationSettings settings, MeterRegistry registry) {
        ReplicateClient replicate = new ReplicateClient(settings.replicate());
        return new ResilientImageProvider(
                replicate,
                TransientRetries.retry("provider-" + replicate.name(), settings.retry(), Stage.GENERATE, registry),
                new ProviderMetrics(registry, replicate.name()));
    }
}
