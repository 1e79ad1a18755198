package io.picturepipeline.generation.provider;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.replicate.ReplicateClient;
import io.picturepipeline.retry.TransientRetries;
import io.picturepipeline.schemas.Stage;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The provider the stage talks to: the Replicate client behind the shared in-process retries and metrics. */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    @Bean
    ProviderBudget providerBudget(GenerationSettings settings, DataSource dataSource, MeterRegistry registry) {
        GenerationSettings.Budget budget = settings.budget();
        return new ProviderBudget(
                dataSource,
                ReplicateClient.NAME,
                budget.account(),
                budget.creates(),
                budget.calls(),
                budget.period(),
                budget.margin(),
                registry);
    }

    @Bean
    ImageProvider imageProvider(GenerationSettings settings, MeterRegistry registry, ProviderBudget budget) {
        ReplicateClient replicate = new ReplicateClient(settings.replicate());
        return new ResilientImageProvider(
                replicate,
                TransientRetries.retry("provider-" + replicate.name(), settings.retry(), Stage.GENERATE, registry),
                new ProviderMetrics(registry, replicate.name()),
                budget);
    }
}
