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

    @Test
    void worker_counts_that_cannot_do_one_generation_a_second_are_not_swept() {
        List<Integer> plan = List.of(3, 16, 64, 256, 1_024);
        assertThat(WorkerSweep.worthSweeping(plan, Duration.ofSeconds(20))).containsExactly(64, 256, 1_024);
        assertThat(WorkerSweep.worthSweeping(plan, Duration.ofSeconds(2))).isEqualTo(plan);
    }

    @Test
    void a_latency_with_a_known_job_time_runs_the_best_worker_count_and_the_next() {
        List<Integer> plan = List.of(3, 16, 64, 256, 1_024);
        assertThat(WorkerSweep.confirming(plan, 256)).containsExactly(256, 1_024);
        assertThat(WorkerSweep.confirming(plan, 1_024)).containsExactly(1_024);
    }

    @Test
    void a_0_ms_and_a_2_s_provider_cost_the_seeds_worker_the_same_job_time_and_a_20_s_one_more() {
        assertThat(Plan.seedsJobSeconds(Duration.ZERO)).isEqualTo(Plan.seedsJobSeconds(Duration.ofSeconds(2)));
        assertThat(Plan.seedsJobSeconds(Duration.ofSeconds(20))).isEqualTo(20.1);
    }
}
