package io.picturepipeline.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.bench.load.OpenLoop;
import io.picturepipeline.bench.report.Results.Drain;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrainWaitTest {

    private static final long S = 1_000_000_000L;

    /** Time moves only when the wait sleeps. */
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

    private static java.util.function.Supplier<DrainWait.State> probe(Integer... live) {
        Deque<Integer> readings = new ArrayDeque<>(List.of(live));
        return () -> {
            int n = readings.size() > 1 ? readings.poll() : readings.peek();
            return new DrainWait.State(n == 0, "live " + n);
        };
    }

    @Test
    void a_drained_pipeline_starts_the_run_at_once() {
        FakeClock clock = new FakeClock();

        Drain drain = DrainWait.await(probe(0), Duration.ofMinutes(5), Duration.ofSeconds(1), clock);

        assertThat(drain).isEqualTo(new Drain(0, true, "live 0"));
    }

    @Test
    void waits_until_nothing_is_in_flight_and_reports_how_long_it_took() {
        FakeClock clock = new FakeClock();

        Drain drain = DrainWait.await(probe(1200, 700, 90, 0), Duration.ofMinutes(5), Duration.ofSeconds(1), clock);

        assertThat(drain.drained()).isTrue();
        assertThat(drain.waitedSeconds()).isEqualTo(3.0);
        assertThat(drain.state()).isEqualTo("live 0");
    }

    @Test
    void gives_up_at_the_bound_and_reports_what_was_still_in_flight() {
        FakeClock clock = new FakeClock();

        Drain drain = DrainWait.await(probe(1200, 1100, 1000), Duration.ofSeconds(10), Duration.ofSeconds(3), clock);

        assertThat(drain.drained()).isFalse();
        assertThat(drain.waitedSeconds()).isEqualTo(10.0);
        assertThat(drain.state()).isEqualTo("live 1000");
        assertThat(clock.now).isEqualTo(10 * S);
    }
}
