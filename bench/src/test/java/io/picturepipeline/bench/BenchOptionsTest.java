package io.picturepipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void the_fresh_start_and_burst_phases_can_be_run_on_their_own() {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--only=fresh-start,burst"});

        assertThat(options.phases()).containsExactly("burst", "fresh-start");
        assertThat(Bench.USAGE.formatted(String.join(", ", BenchOptions.PHASES)))
                .contains("fresh-start", "burst");
    }

    @Test
    void an_unknown_phase_is_refused_with_the_list_of_phases() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only=cold"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fresh-start");
    }

    @Test
    void the_services_run_in_one_jvm_as_pp_up_runs_them_unless_one_per_service_is_asked() {
        assertThat(BenchOptions.parse(new String[] {"--quick"}).oneProcess()).isTrue();
        assertThat(BenchOptions.parse(new String[] {"--one-process"}).oneProcess())
                .isTrue();
        assertThat(BenchOptions.parse(new String[] {"--process-per-service"}).oneProcess())
                .isFalse();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--one-process", "--process-per-service"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("choose one");
    }
}
