package io.picturepipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerSweepTest {

    private static final List<Double> FACTORS = List.of(0.8, 1.0, 1.15);

    @Test
    void the_first_worker_count_is_swept_at_fractions_of_its_capacity_estimate() {
        // 3 workers, 2 s provider: one job is one 2 s poll + 0.1 s, so about 1.43/s
        assertThat(WorkerSweep.rates(3, Duration.ofSeconds(2), FACTORS, null)).containsExactly(1.14, 1.43, 1.64);
    }

    @Test
    void a_larger_worker_count_starts_just_above_the_best_so_far_and_climbs_at_most_doubling() {
        // 256 workers, 0 ms provider: estimate 121.9/s; the best so far 30.5/s
        assertThat(WorkerSweep.rates(256, Duration.ZERO, FACTORS, 30.5))
                .containsExactly(32.03, 64.06, 97.52, 121.9, 140.19);
    }

    @Test
    void estimate_points_below_the_best_so_far_are_not_tried() {
        assertThat(WorkerSweep.rates(16, Duration.ofSeconds(2), FACTORS, 7.0)).containsExactly(7.35, 7.62, 8.76);
    }

    @Test
    void more_workers_are_worth_another_step_only_when_they_sustain_five_percent_more() {
        assertThat(WorkerSweep.improved(null, 1.43)).isTrue();
        assertThat(WorkerSweep.improved(30.5, 32.03)).isTrue();
        assertThat(WorkerSweep.improved(30.5, 31.0)).isFalse();
        assertThat(WorkerSweep.improved(30.5, null)).isFalse();
        assertThat(WorkerSweep.improved(null, null)).isFalse();
    }
}
