package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.projection.ProjectionSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.CommonDelegatingErrorHandler;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class ProjectionWiring {

    /**
     * The batch size and thread count of {@link ProjectionSettings} applied to the listener container, idle events
     * for the lag gauge, and the outage handler in front of the shared error handler.
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
            container.setCommonErrorHandler(withOutageHandler(container.getCommonErrorHandler(), settings));
        };
    }

    /**
     * A {@link DatabaseUnavailableException} anywhere in the failure's causes goes to a handler that redelivers the
     * failed record and the rest of its batch with exponential backoff, forever: the records are fine, the database
     * is not, so none of them may reach the dead-letter topic. The records before it are committed as usual. Every
     * other failure goes to the shared handler of {@code retry-dlq}.
     */
    static CommonErrorHandler withOutageHandler(@Nullable CommonErrorHandler shared, ProjectionSettings settings) {
        ExponentialBackOff untilBack =
                new ExponentialBackOff(settings.outageBackoff().initial().toMillis(), 2.0);
        untilBack.setMaxInterval(settings.outageBackoff().max().toMillis());
        DefaultErrorHandler outage = new DefaultErrorHandler(
                (record, failure) -> {
                    throw new IllegalStateException(
                            "the outage backoff never ends, so no record is ever given up", failure);
                },
                untilBack);
        CommonDelegatingErrorHandler handler =
                new CommonDelegatingErrorHandler(shared != null ? shared : new DefaultErrorHandler());
        handler.setCauseChainTraversing(true);
        handler.addDelegate(DatabaseUnavailableException.class, outage);
        return handler;
    }
}
