package io.picturepipeline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunRecorderTest {

    private static final long S = 1_000_000_000L;

    @Test
    void measures_from_the_intended_send_time_and_counts_per_second() {
        RunRecorder recorder = new RunRecorder(0, 10);

        recorder.accepted("a", 0, 5_000_000); // answered 5 ms after it was due
        recorder.finished("a", 2 * S, true);
        recorder.accepted("b", S / 2, S); // sent late: 500 ms counts
        recorder.finished("b", 3 * S, true);

        assertThat(recorder.submitLatencyMicros().getMaxValue()).isBetween(499_000L, 501_000L);
        assertThat(recorder.endToEndMicros().getTotalCount()).isEqualTo(2);
        assertThat(recorder.endToEndMicros().getMinValue()).isBetween(1_999_000L, 2_001_000L);
        assertThat(recorder.finishedRate(2, 4)).isEqualTo(1.0);
        assertThat(recorder.outstanding()).isZero();
    }

    @Test
    void a_completion_seen_before_its_submit_answer_is_matched_when_the_answer_comes() {
        RunRecorder recorder = new RunRecorder(0, 10);

        recorder.finished("fast", 3 * S, true);
        recorder.accepted("fast", S, 4 * S);

        assertThat(recorder.completedCount()).isEqualTo(1);
        assertThat(recorder.endToEndMicros().getMaxValue()).isBetween(1_999_000L, 2_001_000L);
    }

    @Test
    void backlog_is_accepted_minus_finished_at_the_end_of_each_second() {
        RunRecorder recorder = new RunRecorder(0, 10);
        for (int i = 0; i < 5; i++) {
            recorder.accepted("g" + i, 0, S / 10);
        }
        recorder.finished("g0", S + 1, true);
        recorder.finished("g1", S + 2, false);
        recorder.rejected(0, S / 10, "http 503");

        assertThat(recorder.maxBacklog()).isEqualTo(5);
        assertThat(recorder.outstanding()).isEqualTo(3);
        assertThat(recorder.failedCount()).isEqualTo(1);
        assertThat(recorder.errors()).containsEntry("http 503", 1L);
    }

    @Test
    void completions_keep_up_from_the_second_after_which_every_two_seconds_saw_nine_tenths_of_the_arrivals() {
        RunRecorder recorder = new RunRecorder(0, 20);
        int[] finishedPerSecond = {0, 0, 0, 12, 30, 60, 80, 40, 55, 45, 50}; // offered 50/s for 10 s
        int id = 0;
        for (int second = 0; second < finishedPerSecond.length; second++) {
            for (int i = 0; i < finishedPerSecond[second]; i++) {
                recorder.accepted("g" + id, 0, 1);
                recorder.finished("g" + id++, second * S + S / 2, true);
            }
        }

        // [3,5) has 42 < 90; [4,6) has 90 ≥ 90 and every later span holds
        assertThat(recorder.keptUpFromSecond(50, 10, 0.9)).hasValue(4);
        assertThat(recorder.keptUpFromSecond(100, 10, 0.9)).isEmpty();
        assertThat(recorder.lastFinishedAfterStartNanos()).hasValue(10 * S + S / 2);
    }

    @Test
    void nothing_finished_nothing_kept_up() {
        RunRecorder recorder = new RunRecorder(0, 20);

        assertThat(recorder.keptUpFromSecond(50, 10, 0.9)).isEmpty();
        assertThat(recorder.lastFinishedAfterStartNanos()).isEmpty();
    }
}
