package io.picturepipeline.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeakInWindowTest {

    private static final long S = 1_000_000_000L;

    @Test
    void finds_the_largest_increase_within_any_window() {
        PeakInWindow creates = new PeakInWindow();
        long[] cumulative = {0, 10, 20, 300, 600, 610, 620, 900};
        for (int second = 0; second < cumulative.length; second++) {
            creates.record(second * 30 * S, cumulative[second]); // a sample every 30 s
        }

        // 60 s spans three samples: 20 → 600 (from 60 s to 120 s) is the most
        assertThat(creates.maxIncrease(Duration.ofSeconds(60))).isEqualTo(580);
        assertThat(creates.maxIncrease(Duration.ofSeconds(30))).isEqualTo(300);
    }

    @Test
    void a_run_shorter_than_the_window_counts_all_of_it() {
        PeakInWindow creates = new PeakInWindow();
        creates.record(0, 100);
        creates.record(10 * S, 1300);
        creates.record(20 * S, 3700);

        assertThat(creates.maxIncrease(Duration.ofSeconds(60))).isEqualTo(3600);
    }

    @Test
    void no_samples_no_increase() {
        assertThat(new PeakInWindow().maxIncrease(Duration.ofSeconds(60))).isZero();
    }
}
