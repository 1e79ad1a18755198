package io.picturepipeline.faults.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.faults.invariants.LegalTransitions.Step;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.StoredImage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The replay behind the "no illegal transition" invariant, without a stack: it runs with the smoke subset. */
@Tag("fault")
@Tag("smoke")
class LegalTransitionsTest {

    private static final UUID ID = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static final GenerationRequested REQUESTED = GenerationRequested.of(
            ID,
            T0,
            "alice",
            new GenerationParameters("a lighthouse", null, "stability-ai/sdxl", 512, 512, 20, 7.5, 42L, null, null, 1));
    private static final GenerationStarted STARTED = GenerationStarted.of(ID, T0.plusSeconds(1), "replicate", "p-1");
    private static final ImagesGenerated GENERATED = ImagesGenerated.of(
            ID, T0.plusSeconds(2), "alice", "p-1", List.of("http://provider/files/p-1/0.png"), 512, 512);
    private static final GenerationCompleted COMPLETED = GenerationCompleted.of(
            ID, T0.plusSeconds(3), List.of(new StoredImage(0, ID + "/0.png", "image/png", 2048, 512, 512)));

    @Test
    void aGenerationThatGoesForwardOnlyHasNothingRefused() {
        assertThat(LegalTransitions.replay(List.of(REQUESTED, STARTED, GENERATED, COMPLETED, COMPLETED)))
                .isEmpty();
    }

    @Test
    void aRequestPublishedAfterTheStageStartedIsAStaleStep() {
        List<Step> refused = LegalTransitions.replay(List.of(STARTED, REQUESTED, GENERATED, COMPLETED));

        assertThat(refused).singleElement().satisfies(step -> {
            assertThat(step.stale()).isTrue();
            assertThat(step.detail()).startsWith("stale GenerationRequested").contains("while processing");
        });
    }

    @Test
    void aNewStatusAfterCompletionIsRefused() {
        GenerationStarted restarted = GenerationStarted.of(ID, T0.plusSeconds(4), "replicate", "p-2");

        List<Step> refused = LegalTransitions.replay(List.of(REQUESTED, STARTED, GENERATED, COMPLETED, restarted));

        assertThat(refused).singleElement().satisfies(step -> {
            assertThat(step.stale()).isFalse();
            assertThat(step.detail())
                    .startsWith("GenerationStarted")
                    .endsWith("after the terminal GenerationCompleted");
        });
    }
}
