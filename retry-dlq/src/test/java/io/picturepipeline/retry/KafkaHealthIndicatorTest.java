package io.picturepipeline.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.infra.FreePorts;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

class KafkaHealthIndicatorTest extends FakeStageTest {

    @Autowired
    private HealthIndicator kafkaHealthIndicator;

    @Test
    void theRunningBrokerIsUpWithItsClusterAndBrokerCount() {
        Health health = kafkaHealthIndicator.health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("brokers", 1).containsKey("clusterId");
    }

    @Test
    void aBrokerThatDoesNotAnswerIsDownWithinTheTimeout() {
        Map<String, Object> nowhere =
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + FreePorts.pick());
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(nowhere, Duration.ofMillis(500));
        try {
            Health health = indicator.health(true);

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
        } finally {
            indicator.destroy();
        }
    }
}
