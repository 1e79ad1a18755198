package io.picturepipeline.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParsingTest {

    @Test
    void reads_cpu_times_of_a_stat_line_whose_command_has_spaces_and_parentheses() {
        String line = "4242 (http-nio-8080 (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 89 10 20 0 30 0 5 0";

        ProcFs.Stat stat = ProcFs.parseStatLine(line).orElseThrow();

        assertThat(stat.pid()).isEqualTo(4242);
        assertThat(stat.comm()).isEqualTo("http-nio-8080 (x)");
        assertThat(stat.ppid()).isEqualTo(1);
        assertThat(stat.ownTicks()).isEqualTo(1234 + 567);
        assertThat(stat.reapedChildTicks()).isEqualTo(89 + 10);
    }

    @Test
    void reads_this_process_from_proc() {
        long me = ProcessHandle.current().pid();

        assertThat(ProcFs.stat(me)).isPresent();
        assertThat(ProcFs.rssBytes(me))
                .hasValueSatisfying(rss -> assertThat(rss).isPositive());
        assertThat(ProcFs.threads(me)).isNotEmpty();
    }

    @Test
    void folds_numbers_in_thread_names_so_a_pool_counts_once() {
        assertThat(ComponentSampler.fold("http-nio-8080-exec-12")).isEqualTo("http-nio-#-exec-#");
    }

    @Test
    void takes_the_largest_sample_of_a_gauge_and_ignores_metrics_sharing_its_prefix() {
        String exposition = """
                # HELP pipeline_predictions_in_flight Provider predictions started and not finished yet
                # TYPE pipeline_predictions_in_flight gauge
                pipeline_predictions_in_flight{application="generation-consumer"} 2048.0
                pipeline_predictions_in_flight_total 99999.0
                pipeline_predictions_in_flight{application="other"} 12.0
                """;

        assertThat(Prometheus.value(exposition, "pipeline_predictions_in_flight"))
                .hasValue(2048.0);
        assertThat(Prometheus.value(exposition, "pipeline_projection_lag_seconds"))
                .isEmpty();
    }

    @Test
    void sums_a_counter_over_the_label_sets_that_carry_a_label() {
        String exposition = """
                # TYPE pipeline_provider_errors_total counter
                pipeline_provider_errors_total{kind="rate_limited",operation="create",provider="replicate"} 3.0
                pipeline_provider_errors_total{kind="rate_limited",operation="get",provider="replicate"} 4.0
                pipeline_provider_errors_total{kind="timeout",operation="get",provider="replicate"} 9.0
                """;

        assertThat(Prometheus.sum(exposition, "pipeline_provider_errors_total", "kind=\"rate_limited\""))
                .hasValue(7.0);
        assertThat(Prometheus.sum("# nothing yet", "pipeline_provider_errors_total", "kind=\"rate_limited\""))
                .hasValue(0.0);
    }
}
