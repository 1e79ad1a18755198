package io.picturepipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.bench.report.Results.ComponentUsage;
import io.picturepipeline.bench.report.Results.Latency;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.report.Results.Sweep;
import io.picturepipeline.bench.report.Results.TargetRow;
import io.picturepipeline.bench.sse.HeapPerStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IssueTargetsTest {

    private static Scenario run(
            String system,
            String name,
            long latencyMs,
            double rate,
            double throughput,
            boolean sustainable,
            Latency submit,
            Latency endToEnd,
            Map<String, Object> extra) {
        return run(system, name, latencyMs, rate, throughput, sustainable, submit, endToEnd, extra, Map.of(), 0);
    }

    private static Scenario run(
            String system,
            String name,
            long latencyMs,
            double rate,
            double throughput,
            boolean sustainable,
            Latency submit,
            Latency endToEnd,
            Map<String, Object> extra,
            Map<String, Long> errors,
            long unfinished) {
        long sent = Math.round(rate * 30);
        long rejected = errors.values().stream().mapToLong(Long::longValue).sum();
        return new Scenario(
                system,
                name,
                latencyMs,
                rate,
                30,
                sent,
                sent - rejected,
                rejected,
                errors,
                sent - rejected - unfinished,
                0,
                unfinished,
                submit,
                endToEnd,
                throughput,
                sustainable,
                "",
                0,
                0,
                List.of(),
                List.of(new ComponentUsage("postgres", (sent - rejected) * 0.004, 1, 100, List.of())),
                List.of(),
                extra,
                null);
    }

    private static Latency ms(double p50, double p99) {
        return new Latency(100, p50, p99, p99, p99);
    }

    private static TargetRow row(List<TargetRow> rows, String figureStart) {
        return rows.stream()
                .filter(r -> r.figure().startsWith(figureStart))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void compares_the_pipeline_with_the_best_worker_count_of_the_tuned_sweep() {
        List<Scenario> runs = List.of(
                run("seeds-tuned-64", "30.5/s", 0, 30.5, 30.5, true, ms(3, 50), ms(2000, 2100), Map.of()),
                run("seeds-tuned-256", "32/s", 0, 32, 32, true, ms(3, 50), ms(2000, 2100), Map.of()),
                run("seeds-tuned-256", "64/s", 0, 64, 40, false, ms(3, 50), ms(9000, 19000), Map.of()),
                run("pipeline", "100/s", 0, 100, 100, true, ms(5, 12), ms(40, 200), Map.of()),
                run("pipeline", "200/s", 0, 200, 160, false, ms(9, 14), ms(400, 2000), Map.of()));
        List<Sweep> sweeps = List.of(
                new Sweep("seeds-tuned-64", 0, List.of("30.5/s"), 30.5),
                new Sweep("seeds-tuned-256", 0, List.of("32/s", "64/s"), 32.0),
                new Sweep("pipeline", 0, List.of("100/s", "200/s"), 100.0));

        List<TargetRow> rows = IssueTargets.issue12(runs, sweeps, List.of());

        assertThat(row(rows, "sustained throughput"))
                .isEqualTo(new TargetRow(
                        "sustained throughput, 0 ms provider, 2 cores",
                        "≥ 250/s",
                        "100/s (highest sustained of [100/s, 200/s])",
                        "no"));
        assertThat(row(rows, "against the best-tuned").thisRun())
                .isEqualTo("3.13× (100/s vs 32.0/s, best: seeds-tuned-256 of the worker counts tried"
                        + " [64: 30.5/s, 256: 32.0/s])");
        assertThat(row(rows, "against the best-tuned").met()).isEqualTo("yes");
        assertThat(row(rows, "CPU per generation").thisRun()).startsWith("4.00 ms (the pipeline at 100/s");
        assertThat(row(rows, "CPU per generation").met()).isEqualTo("yes");
        assertThat(row(rows, "submit p99").thisRun()).isEqualTo("14.0 ms at 200/s (p50 9.00)");
        assertThat(row(rows, "submit p99").met()).isEqualTo("yes");
    }

    @Test
    void fills_the_fresh_start_and_burst_rows_from_their_own_runs() {
        Map<String, Object> freshExtra = Map.of(Runner.KEPT_UP_FROM, 4, Runner.LAST_COMPLETION, 12.5);
        Map<String, Object> burstExtra = new HashMap<>();
        burstExtra.put(ProviderFigures.RATE_LIMITED, 0L);
        burstExtra.put(ProviderFigures.INJECTED, 0L);
        burstExtra.put(ProviderFigures.PEAK_CREATES, 3190L);
        burstExtra.put(ProviderFigures.POLLS_PER_PREDICTION, 6.34);
        burstExtra.put(ProviderFigures.POLLS, 20225L);
        burstExtra.put(ProviderFigures.CREATES, 3190L);
        List<Scenario> runs = List.of(
                run("pipeline", "fresh start", 0, 50, 48, true, ms(20, 80), ms(900, 2800), freshExtra),
                run(
                        "pipeline",
                        "burst",
                        20_000,
                        120,
                        100,
                        false,
                        ms(40, 39_000),
                        ms(21_000, 60_000),
                        burstExtra,
                        Map.of("http 503", 300L, "timeout", 100L, "io: IOException", 10L),
                        0));

        List<TargetRow> issue12 = IssueTargets.issue12(runs, List.of(), List.of());
        List<TargetRow> issue13 = IssueTargets.issue13(runs);

        assertThat(row(issue12, "fresh start"))
                .isEqualTo(new TargetRow(
                        "fresh start, 50/s for 10 s, 0 ms provider: submit→completed p99",
                        "≤ 3 s",
                        "2.80 s (p50 0.900 s); completions kept up from 4 s; all 1500 accepted completed, the last"
                                + " 12.5 s after the first arrival",
                        "yes"));
        assertThat(row(issue12, "burst"))
                .isEqualTo(new TargetRow(
                        "burst 120/s for 30 s, 20 s provider: refused submissions",
                        "0, every accepted one completes",
                        "410 of 3600 refused (503: 300, timeout: 100, reset: 10); submit p99 39000 ms; all 3190"
                                + " accepted completed",
                        "no"));
        assertThat(row(issue13, "429s").thisRun())
                .startsWith("0 429s received by the generation-consumer (provider injected errors: 0); most creates"
                        + " in any 60 s: 3190 (Replicate allows 600");
        assertThat(row(issue13, "429s").met()).isEqualTo("no");
        assertThat(row(issue13, "429s").thisRun())
                .contains("; 410 of 3600 refused (503: 300, timeout: 100, reset: 10)");
        assertThat(row(issue13, "provider polls per prediction").thisRun())
                .isEqualTo("6.34 (20225 polls for 3190 predictions, burst)");
    }

    @Test
    void says_what_was_not_measured_and_why_instead_of_a_number() {
        List<TargetRow> issue12 = IssueTargets.issue12(
                List.of(),
                List.of(),
                List.of(new SseRun(5_000, 0, 0, null, "not measured: endpoint not available", List.of(), Map.of())));
        List<TargetRow> issue13 = IssueTargets.issue13(List.of());

        assertThat(issue12).hasSize(8).allSatisfy(r -> assertThat(r.met()).isEqualTo("not measured"));
        assertThat(row(issue12, "SSE p99").thisRun()).isEqualTo("— (not measured: endpoint not available)");
        assertThat(row(issue12, "burst").thisRun())
                .isEqualTo("— (no burst run: not selected, or it stopped early (see the notes))");
        assertThat(issue13).hasSize(5).allSatisfy(r -> assertThat(r.met()).isEqualTo("not measured"));
    }

    @Test
    void heap_per_idle_stream_comes_from_the_largest_sse_run_that_measured_it() {
        List<SseRun> sse = List.of(
                new SseRun(1_000, 1_000, 10, null, "", List.of(), Map.of(HeapPerStream.KEY, 150.2)),
                new SseRun(5_000, 5_000, 10, null, "", List.of(), Map.of(HeapPerStream.KEY, 28.4)));

        assertThat(row(IssueTargets.issue12(List.of(), List.of(), sse), "heap per idle"))
                .isEqualTo(new TargetRow("heap per idle SSE stream", "≤ 30 KB", "28.4 KB (5000 streams open)", "yes"));
    }

    @Test
    void a_fresh_start_where_nothing_completed_is_a_missed_target_with_its_refusals() {
        Scenario fresh = run(
                "pipeline",
                "fresh start",
                0,
                50,
                0,
                false,
                ms(44_630, 47_907),
                null,
                Map.of(),
                Map.of("timeout", 1500L),
                0);

        assertThat(row(IssueTargets.issue12(List.of(fresh), List.of(), List.of()), "fresh start"))
                .isEqualTo(new TargetRow(
                        "fresh start, 50/s for 10 s, 0 ms provider: submit→completed p99",
                        "≤ 3 s",
                        "nothing completed: none accepted; 1500 of 1500 refused (timeout: 1500); submit p99"
                                + " 47907 ms",
                        "no"));
    }
}
