package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.generation.admission.TestDispatchers;
import io.picturepipeline.retry.StageHandler;
import io.picturepipeline.retry.TransientException;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * A hand-off whose failure could not be routed either (the stage threw, then the failure policy threw: the broker is
 * down) gives its claim back after {@code admission.handoff-retry}, not after the 5-minute {@code claim-lease}, and
 * the next claim starts its one prediction.
 */
class HandoffRetryTest extends StageIntegrationTest {

    @Autowired
    private ApplicationContext context;

    @Autowired
    private List<StageHandler> stages;

    @Test
    void aClaimWhoseFailureCouldNotBeRoutedComesBackBeforeItsLeaseAndStartsOnlyOnce() {
        StageHandler generate = stages.stream()
                .filter(s -> s.stage() == Stage.GENERATE)
                .findFirst()
                .orElseThrow();
        Map<String, AtomicInteger> handOffs = new ConcurrentHashMap<>();
        AtomicInteger unrouted = new AtomicInteger();
        // the first hand-off fails before any create (the provider cannot be reached); the next one starts it. A
        // failure after the prediction is recorded settles nothing here: that statement dispatched the claim, and the
        // poller announces a recorded prediction that was not (PollResultHandler)
        StageHandler failingOnce = StageHandler.of(Stage.GENERATE, "handoff-test", record -> {
            if (handOffs.computeIfAbsent(record.key(), k -> new AtomicInteger()).incrementAndGet() == 1) {
                throw new TransientException("the provider cannot be reached (test)", null);
            }
            return generate.handle(record);
        });
        SmartLifecycle dispatcher = TestDispatchers.replacing(context, failingOnce, (record, failure) -> {
            unrouted.incrementAndGet();
            throw new IllegalStateException("the broker is still down (test)");
        });
        try {
            dispatcher.start();
            var requested = request("a lighthouse after an outage");
            UUID id = requested.generationId();

            publish(requested);

            // within a minute: the claim lease (5 min) would keep it far longer
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> handOffs.getOrDefault(id.toString(), new AtomicInteger())
                                    .get()
                            >= 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> "started".equals(outcome(id)));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
            assertThat(unrouted).as("failures the policy could not route").hasValue(1);
            assertThat(handOffs.get(id.toString())).as("hand-offs").hasValue(2);
            assertThat(providerPredictions(requested.parameters().prompt()))
                    .as("predictions at the provider")
                    .hasSize(1);
        } finally {
            TestDispatchers.restore(context, dispatcher);
        }
    }

    private String outcome(UUID id) {
        return jdbc.sql("SELECT outcome FROM generation.admission WHERE generation_id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
