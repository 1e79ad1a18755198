package io.picturepipeline.generation.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    private final AtomicLong running = new AtomicLong();
    private final InFlightLimit limit = new InFlightLimit(3, running::get);

    @Test
    void admitsUpToTheLimitThenRefuses() {
        running.set(1);

        assertThat(limit.tryAdmit()).isTrue();
        assertThat(limit.tryAdmit()).isTrue();
        assertThat(limit.tryAdmit()).isFalse();
        assertThat(limit.current()).isEqualTo(3);
    }

    @Test
    void finishedPredictionsFreeTheirSlotsAtTheNextRefresh() {
        running.set(3);
        assertThat(limit.tryAdmit()).isFalse();

        running.set(2);
        assertThat(limit.tryAdmit()).as("before the refresh").isFalse();
        limit.refresh();

        assertThat(limit.tryAdmit()).isTrue();
        assertThat(limit.tryAdmit()).isFalse();
    }

    @Test
    void firstAdmissionCountsTheRunningPredictions() {
        running.set(3);

        assertThat(limit.tryAdmit()).isFalse();
    }
}
