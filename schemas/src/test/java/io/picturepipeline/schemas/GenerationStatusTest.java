package io.picturepipeline.schemas;

import static io.picturepipeline.schemas.GenerationStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GenerationStatusTest {

    @Test
    void followsTheHappyPath() {
        assertThat(QUEUED.moveTo(PROCESSING).moveTo(DOWNLOADING).moveTo(COMPLETED))
                .isEqualTo(COMPLETED);
    }

    @Test
    void aScheduledGenerationStartsFromScheduled() {
        assertThat(QUEUED.moveTo(SCHEDULED).moveTo(PROCESSING)).isEqualTo(PROCESSING);
        assertThat(SCHEDULED.isBefore(DOWNLOADING)).isTrue();
        assertThatThrownBy(() -> PROCESSING.moveTo(SCHEDULED)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> SCHEDULED.moveTo(QUEUED)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void anyLiveStatusMayFailOrBeCancelled() {
        for (GenerationStatus live : new GenerationStatus[] {QUEUED, SCHEDULED, PROCESSING, DOWNLOADING}) {
            assertThat(live.canMoveTo(FAILED)).isTrue();
            assertThat(live.canMoveTo(CANCELLED)).isTrue();
        }
    }

    @Test
    void aTerminalStatusNeverMovesAgain() {
        for (GenerationStatus terminal : new GenerationStatus[] {COMPLETED, FAILED, CANCELLED}) {
            assertThat(terminal.isTerminal()).isTrue();
            for (GenerationStatus next : values()) {
                assertThat(terminal.canMoveTo(next)).isFalse();
            }
        }
        assertThatThrownBy(() -> CANCELLED.moveTo(COMPLETED))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("illegal generation status transition CANCELLED -> COMPLETED");
    }

    @Test
    void refusesToSkipBackwards() {
        assertThatThrownBy(() -> DOWNLOADING.moveTo(PROCESSING)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> QUEUED.moveTo(COMPLETED)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aRedeliveryThatStaysPutIsNoTransition() {
        assertThat(PROCESSING.moveTo(PROCESSING)).isEqualTo(PROCESSING);
    }

    @Test
    void ordersStatusesAlongThePath() {
        assertThat(QUEUED.isBefore(DOWNLOADING)).isTrue();
        assertThat(DOWNLOADING.isBefore(PROCESSING)).isFalse();
        assertThat(PROCESSING.isBefore(PROCESSING)).isFalse();
    }
}
