package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.PipelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * How many lifecycle events per second the projection applies, through Kafka into PostgreSQL: a synthetic history
 * is published while the listener is stopped, then the listener is started and timed until it has committed the end
 * of the topic. Runs only when asked (the benchmark hook of projection/README.md):
 *
 * <pre>./mvnw -B -o -pl projection test -Dtest=ApplyRateBenchmark -Dbench.events=200000</pre>
 */
@EnabledIfSystemProperty(named = "bench.events", matches = "\\d+")
class ApplyRateBenchmark extends ProjectionIntegrationTest {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void theProjectionAppliesASyntheticHistory() {
        int wanted = Integer.parseInt(System.getProperty("bench.events"));
        List<PipelineEvent> events =
                new SyntheticHistory(42, Instant.now().minus(Duration.ofDays(1)), Duration.ofMillis(50)).events(wanted);
        MessageListenerContainer listener = listeners.getListenerContainer("projection-lifecycle");
        await().atMost(Duration.ofSeconds(60)).until(() -> lifecycle().allConsumed());
        listener.stop();
        lifecycle().publishAll(events);

        Instant started = Instant.now();
        listener.start();
        await().atMost(Duration.ofHours(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> lifecycle().allConsumed());
        Duration took = Duration.between(started, Instant.now());

        System.out.printf(
                "%n» applied %d lifecycle events in %.1f s: %.0f events/s (batch size %s)%n%n",
                events.size(),
                took.toMillis() / 1000.0,
                events.size() * 1000.0 / took.toMillis(),
                listener.getContainerProperties().getKafkaConsumerProperties().getProperty("max.poll.records"));
        assertThat(jdbc.sql("select count(*) from projection.generation_event where generation_id = ?")
                        .param(events.get(events.size() - 1).generationId())
                        .query(Long.class)
                        .single())
                .isPositive();
    }
}
