package io.picturepipeline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.bench.report.Results.ComponentUsage;
import io.picturepipeline.bench.report.Results.Drain;
import io.picturepipeline.bench.report.Results.Frame;
import io.picturepipeline.bench.report.Results.Latency;
import io.picturepipeline.bench.report.Results.Machine;
import io.picturepipeline.bench.report.Results.Profile;
import io.picturepipeline.bench.report.Results.Ratio;
import io.picturepipeline.bench.report.Results.Report;
import io.picturepipeline.bench.report.Results.Sampled;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.report.Results.Sweep;
import io.picturepipeline.bench.report.Results.TargetCheck;
import io.picturepipeline.bench.report.Results.TargetRow;
import io.picturepipeline.bench.report.Results.ThreadUsage;
import io.picturepipeline.bench.report.Results.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    static Report sample() {
        Histogram submit = new Histogram(3_600_000_000L, 3);
        for (int i = 1; i <= 1000; i++) {
            submit.recordValue(i * 10L); // 10 µs .. 10 ms
        }
        Scenario run = new Scenario(
                "pipeline",
                "500/s",
                0,
                500,
                60,
                30_000,
                29_990,
                10,
                Map.of("http 503", 10L),
                29_990,
                0,
                0,
                Latency.of(submit),
                new Latency(29_990, 120, 480.5, 900, 1500),
                498.7,
                true,
                "",
                812,
                1.25,
                List.of(new Sampled("projection lag (gauge)", "projection gauge", 60, 0.42, 0.1, 0.4)),
                List.of(new ComponentUsage(
                        "ingest-api", 30.5, 0.51, 380.2, List.of(new ThreadUsage("http-nio-#-exec-#", 10, 0.3)))),
                List.of(new Profile(
                        "ingest-api",
                        "x.jfr",
                        1000,
                        List.of(new Frame("org.apache.kafka.clients.producer.KafkaProducer.send", 100, 10)),
                        List.of(new Frame("io.picturepipeline.ingest.outbox.Outbox.save", 50, 5)),
                        List.of(new Frame("org.apache.kafka", 200, 20)),
                        List.of(new Frame("http-nio-#-exec-#", 700, 70)),
                        List.of(new Wait("io.picturepipeline.download.DownloadService.store (fsync)", 120, 1.5)))),
                Map.of("jobs per hour", 180),
                new Drain(12.5, true, "outbox 0, not yet projected 0, live 0"));
        return new Report(
                "./pp bench --quick",
                "quick",
                "2026-01-01T00:00:00Z",
                4.5,
                new Machine(2, "Some CPU", 24_000, "OpenJDK 17", "Debian 12", "0.5 0.4 0.3", "1.5 1.0 0.5"),
                Map.of("service JVM options", "-Xmx512m"),
                List.of(run),
                List.of(new Sweep("pipeline", 0, List.of("500/s"), 500.0)),
                List.of(new SseRun(5_000, 0, 0, null, "not measured: endpoint not available", List.of(), Map.of())),
                List.of(new TargetCheck("submit p99 ≤ 15 ms at 500 submits/s", "p99 9.9 ms", "met", "")),
                List.of(new Ratio("sustained generations/s", "498.7", "31.2", 15.98), new Ratio("x", "—", "1", null)),
                List.of(new TargetRow("sustained throughput, 0 ms provider, 2 cores", "≥ 250/s", "500/s", "yes")),
                List.of(new TargetRow("provider polls per prediction, 20 s provider", "≤ 1.1", "0.98", "yes")),
                List.of("a note"));
    }

    @Test
    void renders_every_section_as_markdown_tables() {
        String md = ReportWriter.markdown(sample());

        assertThat(md)
                .contains("# Picture Pipeline benchmark (quick run)")
                .contains("Load average before: 0.5 0.4 0.3; after: 1.5 1.0 0.5")
                .contains("| submit p99 ≤ 15 ms at 500 submits/s | p99 9.9 ms | **met** |  |")
                .contains("| sustained generations/s | 498.7 | 31.2 | 16.0× |")
                .contains("| x | — | 1 | — |")
                .contains(
                        "| pipeline | 500/s | 0 ms | 500 | 30000 | 29990 (10 refused) | 5.00 / 9.90 / 9.99 | 120 / 481 |"
                                + " 499 | yes | 812 | — | 0.420 | — | 12.5 s |")
                .contains("| pipeline | 0 ms | 500 | 500/s |")
                .contains("| 5000 | 0 | 0 | — | not measured: endpoint not available |")
                .contains("## Issue 12 targets")
                .contains("| sustained throughput, 0 ms provider, 2 cores | ≥ 250/s | 500/s | yes |")
                .contains("## Issue 13 targets")
                .contains("| provider polls per prediction, 20 s provider | ≤ 1.1 | 0.98 | yes |")
                .contains("| projection | four services in one JVM | seeds app |")
                .contains("| pipeline 500/s (0 ms provider) | 1.02 | — | — | — | — | — | — | — | — | — | **1.02** |")
                .contains("| pipeline 500/s | ingest-api | 30.5 | 0.510 | 380 | `http-nio-#-exec-#`×10 0.300 |")
                .contains(
                        "`o.a.k.c.p.KafkaProducer.send` | 10.0 | `i.p.i.o.Outbox.save` | 5.00 | `org.apache.kafka` | 20.0")
                .contains("| `i.p.d.DownloadService.store (fsync)` | 120 | 1.50 |")
                .contains("jobs per hour = 180")
                .contains("- a note");
    }

    @Test
    void writes_json_that_reads_back_to_the_same_report(@TempDir Path dir) throws Exception {
        Report report = sample();

        ReportWriter.write(report, dir);

        assertThat(dir.resolve("report.md")).exists();
        Report read = ReportWriter.fromJson(Files.readString(dir.resolve("report.json")));
        assertThat(read.scenarios().get(0).submit())
                .isEqualTo(report.scenarios().get(0).submit());
        assertThat(read.targets()).isEqualTo(report.targets());
        assertThat(read.sweeps()).isEqualTo(report.sweeps());
        assertThat(read.issue12()).isEqualTo(report.issue12());
        assertThat(read.scenarios().get(0).drainBefore())
                .isEqualTo(report.scenarios().get(0).drainBefore());
    }

    @Test
    void a_run_that_started_before_the_pipeline_drained_says_so() {
        assertThat(ReportWriter.drain(new Drain(300, false, "outbox 0, not yet projected 0, live 1210")))
                .isEqualTo("**not drained** after 300 s (outbox 0, not yet projected 0, live 1210)");
        assertThat(ReportWriter.drain(null)).isEqualTo("—");
    }

    @Test
    void numbers_keep_three_significant_digits_or_whole_units() {
        assertThat(ReportWriter.num(0.01234)).isEqualTo("0.012");
        assertThat(ReportWriter.num(4.567)).isEqualTo("4.57");
        assertThat(ReportWriter.num(45.67)).isEqualTo("45.7");
        assertThat(ReportWriter.num(4567.4)).isEqualTo("4567");
        assertThat(ReportWriter.num(Double.NaN)).isEqualTo("—");
    }
}
