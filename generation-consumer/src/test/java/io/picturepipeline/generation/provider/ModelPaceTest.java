package io.picturepipeline.generation.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelPaceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ModelPace pace = new ModelPace(WAIT);

    @Test
    void aModelNothingIsKnownOfGetsSyncMode() {
        assertThat(pace.syncMode("a/fast")).isTrue();
    }

    @Test
    void aSyncCreateThatOutlastedTheWaitMakesTheNextCreateAsynchronous() {
        pace.ended("a/model", Duration.ofSeconds(1));
        pace.outlasted("a/model");
        pace.outlasted("a/model");

        assertThat(pace.syncMode("a/model")).isFalse();
        assertThat(pace.syncMode("another/model"))
                .as("other models keep their own pace")
                .isTrue();
    }

    @Test
    void syncModeWhileAtLeastHalfOfTheRecentPredictionsEndedWithinTheWait() {
        pace.outlasted("a/model");
        pace.ended("a/model", WAIT);

        assertThat(pace.syncMode("a/model")).as("one of two within").isTrue();

        pace.ended("a/model", WAIT.plusMillis(1));

        assertThat(pace.syncMode("a/model")).as("one of three within").isFalse();
    }

    @Test
    void aSlowModelThatBecameFastGetsSyncModeBackFromItsLatestPredictionsOnly() {
        for (int i = 0; i < 20; i++) {
            pace.ended("a/model", Duration.ofSeconds(20));
        }
        assertThat(pace.syncMode("a/model")).isFalse();

        for (int i = 0; i < ModelPace.WINDOW / 2; i++) {
            pace.ended("a/model", Duration.ofMillis(800));
        }

        assertThat(pace.syncMode("a/model"))
                .as("half of the last %d fast", ModelPace.WINDOW)
                .isTrue();
    }

    @Test
    void forgettingAModelGivesItSyncModeAgain() {
        pace.outlasted("a/model");
        pace.forget("a/model");

        assertThat(pace.syncMode("a/model")).isTrue();
    }

    @Test
    void noSyncWaitConfiguredMeansNoSyncMode() {
        assertThat(new ModelPace(Duration.ZERO).syncMode("a/model")).isFalse();
    }
}
