package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.PipelineEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole read model (generations, history, dead letters and what ops did with them, hourly counts, offsets) is
 * the same whether the scripted history arrives in order, shuffled across and within generations, twice, and in
 * batches of any size.
 */
class ReadModelOrderTest {

    @Test
    void everyEventTwiceInAnyOrderAndAnyBatchingGivesTheSameReadModelAsInOrderOnce() {
        ScriptedHistory history = new ScriptedHistory(Instant.now());
        List<PipelineEvent> shuffled = new ArrayList<>(history.events());
        shuffled.addAll(history.events());
        Collections.shuffle(shuffled, new Random(6));

        try (IsolatedReadModel inOrder = IsolatedReadModel.create("order_test_in_order");
                IsolatedReadModel anyOrder = IsolatedReadModel.create("order_test_any_order")) {
            history.byGeneration().values().forEach(inOrder::apply);
            Random batches = new Random(7);
            for (int from = 0; from < shuffled.size(); ) {
                int to = Math.min(shuffled.size(), from + 1 + batches.nextInt(12));
                anyOrder.apply(shuffled.subList(from, to));
                from = to;
            }

            assertThat(ReadModelDiff.between(
                            inOrder.jdbc(),
                            "order_test_in_order",
                            "order_test_any_order",
                            Set.of("kafka_offset", "last_offset")))
                    .isEmpty();
            assertThat(ReadModelDiff.rows(inOrder.jdbc(), "order_test_any_order", "generation_event"))
                    .isEqualTo(history.events().size());
            assertThat(ReadModelDiff.rows(inOrder.jdbc(), "order_test_any_order", "dead_letter"))
                    .isEqualTo(3);
        }
    }
}
