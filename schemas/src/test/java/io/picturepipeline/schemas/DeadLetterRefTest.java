package io.picturepipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeadLetterRefTest {

    @Test
    void readsAndWritesTopicPartitionAndOffset() {
        DeadLetterRef ref = DeadLetterRef.parse("pipeline.generate-dlt:3:17");

        assertThat(ref).isEqualTo(new DeadLetterRef("pipeline.generate-dlt", 3, 17));
        assertThat(ref).hasToString("pipeline.generate-dlt:3:17");
        assertThat(ref.sourceTopic()).isEqualTo(Topics.GENERATE);
    }

    @Test
    void saysWhatIsWrongWithAMalformedRef() {
        assertThatThrownBy(() -> DeadLetterRef.parse("pipeline.generate-dlt:3"))
                .hasMessageContaining("expected <dlt-topic>:<partition>:<offset>");
        assertThatThrownBy(() -> DeadLetterRef.parse("pipeline.generate-dlt:x:1"))
                .hasMessageContaining("must be numbers");
        assertThatThrownBy(() -> DeadLetterRef.parse("pipeline.generate:0:1"))
                .hasMessageContaining("is not a dead-letter topic");
    }

    @Test
    void keepsTheEventIdsOfRetriesOfDifferentReplaysApart() {
        assertThat(RetryScheduled.of(Events.GENERATION, Events.AT, Stage.GENERATE, 1, java.time.Duration.ZERO, "x")
                        .eventId())
                .isEqualTo(RetryScheduled.of(
                                Events.GENERATION, Events.AT, Stage.GENERATE, 1, java.time.Duration.ZERO, "x", 0)
                        .eventId())
                .isNotEqualTo(RetryScheduled.of(
                                Events.GENERATION, Events.AT, Stage.GENERATE, 1, java.time.Duration.ZERO, "x", 1)
                        .eventId());
    }
}
