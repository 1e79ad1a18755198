package io.picturepipeline.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.Topic;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The dual write the outbox exists for: accepting must not depend on Kafka, publishing must follow it. */
class BrokerOutageTest extends IngestIntegrationTest {

    private static final int SUBMISSIONS = 20;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void restoreTheBroker() {
        TestInfrastructure.shared().startKafka();
    }

    @Test
    void generationsAcceptedWhileTheBrokerIsDownArePublishedOnceItIsBack() {
        String user = Api.newUser("outage");
        TestInfrastructure.shared().stopKafka();

        List<UUID> accepted = new ArrayList<>();
        for (int i = 0; i < SUBMISSIONS; i++) {
            accepted.add(api().submitValid(user, "accepted during the outage " + i));
        }

        assertThat(outboxRowsOf(accepted)).as("one row per topic, all waiting").isEqualTo(2 * SUBMISSIONS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(meters.get("pipeline.outbox.backlog").gauge().value()).isGreaterThanOrEqualTo(2 * SUBMISSIONS);
            assertThat(meters.get("pipeline.outbox.oldest.age").gauge().value()).isGreaterThan(0);
        });

        TestInfrastructure.shared().startKafka();

        for (String topic : List.of(Topics.GENERATE, Topics.LIFECYCLE)) {
            List<UUID> published = await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> Topic.requestedBy(topic, user).stream()
                                    .map(GenerationRequested::generationId)
                                    .toList(),
                            ids -> ids.containsAll(accepted));
            assertThat(published).as("nothing but what was accepted").containsOnlyElementsOf(accepted);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(outboxRowsOf(accepted)).isZero());
    }

    private int outboxRowsOf(List<UUID> ids) {
        return jdbc.sql("select count(*) from ingest.outbox where generation_id in (:ids)")
                .param("ids", ids)
                .query(Integer.class)
                .single();
    }
}
