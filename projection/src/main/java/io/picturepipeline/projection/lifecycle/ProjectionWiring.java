package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.projection.ProjectionSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

@Configuration(proxyBeanMethods = false)
class ProjectionWiring {

    /**
     * The batch size and thread count of {@link ProjectionSettings} applied to the listener container, and idle
     * events for the lag gauge.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> projectionContainer(
            ProjectionSettings settings) {
        return container -> {
            container.setConcurrency(settings.concurrency());
            ContainerProperties properties = container.getContainerProperties();
            properties
                    .getKafkaConsumerProperties()
                    .setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.batchSize()));
            properties.setIdleEventInterval(ProjectionMetrics.IDLE_AFTER.toMillis());
        };
    }
}
