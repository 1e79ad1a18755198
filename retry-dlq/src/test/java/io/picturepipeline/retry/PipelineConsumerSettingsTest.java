package io.picturepipeline.retry;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;

class PipelineConsumerSettingsTest extends FakeStageTest {

    @Autowired
    private ConsumerFactory<?, ?> consumers;

    @Test
    void consumersReadCommittedRecordsAndGiveUpTheirPartitionsTenSecondsAfterDying() {
        assertThat(consumers.getConfigurationProperties())
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    }
}
