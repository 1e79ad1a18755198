package io.picturepipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void declaresEveryStageWithItsRetryTiersAndDeadLetterTopic() {
        assertThat(Topics.all(6))
                .extracting(TopicSpec::name)
                .containsExactly(
                        "pipeline.generate",
                        "pipeline.generate-retry-0",
                        "pipeline.generate-retry-1",
                        "pipeline.generate-retry-2",
                        "pipeline.generate-dlt",
                        "pipeline.download",
                        "pipeline.download-retry-0",
                        "pipeline.download-retry-1",
                        "pipeline.download-retry-2",
                        "pipeline.download-dlt",
                        "pipeline.webhook",
                        "pipeline.webhook-retry-0",
                        "pipeline.webhook-retry-1",
                        "pipeline.webhook-retry-2",
                        "pipeline.webhook-dlt",
                        "pipeline.lifecycle",
                        "pipeline.lifecycle-dlt",
                        "pipeline.dlt-audit");
    }

    @Test
    void keepsTheLifecycleAndDeadLettersForever() {
        assertThat(Topics.all(6))
                .filteredOn(t -> t.name().equals(Topics.LIFECYCLE) || t.name().endsWith(Topics.DEAD_LETTER_SUFFIX))
                .hasSize(5)
                .allSatisfy(t -> assertThat(t.retentionMs()).isEqualTo("-1"));
    }

    @Test
    void compactsOnlyTheAuditOfDeadLetters() {
        assertThat(Topics.all(6))
                .filteredOn(TopicSpec::compacted)
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.name()).isEqualTo(Topics.DLT_AUDIT);
                    assertThat(t.cleanupPolicy()).isEqualTo("compact");
                    assertThat(t.retentionMs()).isEqualTo("-1");
                });
    }

    @Test
    void refusesARetryTierThatDoesNotExist() {
        assertThatThrownBy(() -> Topics.retry(Topics.GENERATE, Topics.RETRY_TIERS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsTheStageOfARetryTierOrDeadLetterTopic() {
        assertThat(Topics.stageOf("pipeline.generate-retry-2")).contains(Stage.GENERATE);
        assertThat(Topics.stageOf("pipeline.download-dlt")).contains(Stage.DOWNLOAD);
        assertThat(Topics.stageOf("pipeline.download")).contains(Stage.DOWNLOAD);
        assertThat(Topics.stageOf(Topics.LIFECYCLE)).isEmpty();
        assertThat(Topics.mainTopicOf("pipeline.lifecycle-dlt")).isEqualTo(Topics.LIFECYCLE);
        assertThat(Topics.mainTopicOf("pipeline.generate-retry-0")).isEqualTo(Topics.GENERATE);
    }
}
