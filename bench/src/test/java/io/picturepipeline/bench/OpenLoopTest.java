package io.picturepipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picturepipeline.bench.load.OpenLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    /** A clock that only moves when the scheduler sleeps, or when a "slow send" advances it. */
    static final class FakeClock implements OpenLoop.Clock {
        long now;

        @Override
        public long getAsLong() {
            return now;
        }

        @Override
        public void sleepUntil(long nanoTime) {
            now = Math.max(now, nanoTime);
        }
    }

    @Test
    void sends_rate_times_duration_requests_evenly_spaced_from_the_start() {
        OpenLoop loop = new OpenLoop(500, Duration.ofSeconds(10));

        assertThat(loop.count()).isEqualTo(5_000);
        assertThat(loop.intendedOffsetNanos(0)).isZero();
        assertThat(loop.intendedOffsetNanos(1)).isEqualTo(2_000_000);
        assertThat(loop.intendedOffsetNanos(4_999)).isEqualTo(9_998_000_000L);
    }

    @Test
    void fractional_rates_keep_their_average_without_drift() {
        OpenLoop loop = new OpenLoop(3, Duration.ofSeconds(60));

        assertThat(loop.count()).isEqualTo(180);
        assertThat(loop.intendedOffsetNanos(1)).isEqualTo(333_333_333);
        assertThat(loop.intendedOffsetNanos(3)).isEqualTo(1_000_000_000);
        assertThat(loop.intendedOffsetNanos(179)).isEqualTo(59_666_666_667L);
    }

    @Test
    void due_by_counts_requests_whose_time_has_come() {
        OpenLoop loop = new OpenLoop(100, Duration.ofSeconds(1));

        assertThat(loop.dueBy(-1)).isZero();
        assertThat(loop.dueBy(0)).isEqualTo(1);
        assertThat(loop.dueBy(9_999_999)).isEqualTo(1);
        assertThat(loop.dueBy(10_000_000)).isEqualTo(2);
        assertThat(loop.dueBy(5_000_000_000L)).isEqualTo(100);
    }

    @Test
    void a_stalled_sender_does_not_move_the_intended_times_of_later_requests() {
        OpenLoop loop = new OpenLoop(1_000, Duration.ofMillis(10));
        FakeClock clock = new FakeClock();
        clock.now = 5_000;
        List<Long> intended = new ArrayList<>();
        List<Long> sentAt = new ArrayList<>();

        OpenLoop.Timing timing = loop.run(clock, clock.now, due -> {
            intended.add(due);
            sentAt.add(clock.now);
            if (intended.size() == 3) {
                clock.now += 4_500_000; // the third send blocks for 4.5 ms
            }
        });

        assertThat(timing.sent()).isEqualTo(10);
        assertThat(intended)
                .containsExactly(
                        5_000L,
                        1_005_000L,
                        2_005_000L,
                        3_005_000L,
                        4_005_000L,
                        5_005_000L,
                        6_005_000L,
                        7_005_000L,
                        8_005_000L,
                        9_005_000L);
        // the requests due at 3, 4, 5 and 6 ms left late, together, at 6.5 ms; the one due at 7 ms was on time
        assertThat(sentAt.subList(3, 7)).containsOnly(6_505_000L);
        assertThat(sentAt.get(7)).isEqualTo(7_005_000L);
        assertThat(timing.maxSendLagNanos()).isEqualTo(3_500_000L);
    }

    @Test
    void refuses_a_rate_that_is_not_positive() {
        assertThatThrownBy(() -> new OpenLoop(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
