package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.projection.ProjectionSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

class ProjectionWiringTest extends ProjectionIntegrationTest {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    ProjectionSettings settings;

    @Test
    void theLifecycleListenerConsumesAsGroupProjectionWithTheConfiguredBatchSize() {
        var container =
                (ConcurrentMessageListenerContainer<?, ?>) listeners.getListenerContainer("projection-lifecycle");

        assertThat(container.getGroupId()).isEqualTo("projection");
        assertThat(container.getConcurrency()).isEqualTo(settings.concurrency());
        assertThat(container.getContainerProperties().getKafkaConsumerProperties())
                .containsEntry("max.poll.records", Integer.toString(settings.batchSize()));
        assertThat(settings.batchSize()).isEqualTo(500);
    }
}
