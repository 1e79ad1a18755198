package io.picturepipeline.bench.report;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/** What a benchmark run found: plain records, written as JSON and rendered as Markdown. */
public final class Results {

    private Results() {}

    public record Machine(
            int cpus, String cpuModel, long memoryMb, String java, String os, String loadBefore, String loadAfter) {}

    /** Percentiles of a latency histogram recorded in microseconds, reported in milliseconds. */
    public record Latency(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

        public static @Nullable Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return null;
            }
            return new Latency(
                    micros.getTotalCount(),
                    micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(99) / 1000.0,
                    micros.getValueAtPercentile(99.9) / 1000.0,
                    micros.getMaxValue() / 1000.0);
        }
    }

    public record ThreadUsage(String thread, int threads, double cores) {}

    public record ComponentUsage(
            String component, double cpuSeconds, double cores, double peakRssMb, List<ThreadUsage> busiestThreads) {}

    /** A value sampled about once a second during a run (a gauge, a table count). */
    public record Sampled(String name, String source, int samples, double max, double p50, double p99) {}

    /** The hottest frames of a JFR recording of one component during one run. */
    public record Profile(
            String component,
            String file,
            long samples,
            List<Frame> topLeafFrames,
            List<Frame> topOwnFrames,
            List<Frame> topLibraries,
            List<Frame> topThreads,
            List<Wait> topWaits) {}

    public record Frame(String frame, long samples, double percent) {}

    /** Time threads spent blocked (park, monitor, socket, file) under one frame of our code, summed over threads. */
    public record Wait(String where, long events, double seconds) {}

    public record Scenario(
            String system,
            String name,
            long providerLatencyMs,
            double offeredRate,
            double durationSeconds,
            long sent,
            long accepted,
            long rejected,
            Map<String, Long> errors,
            long completed,
            long failed,
            long unfinished,
            @Nullable Latency submit,
            @Nullable Latency endToEnd,
            double throughputPerSecond,
            boolean sustainable,
            String verdict,
            long maxBacklog,
            double maxSendLagMs,
            List<Sampled> sampled,
            List<ComponentUsage> components,
            List<Profile> profiles,
            Map<String, Object> extra,
            @Nullable Drain drainBefore) {

        public @Nullable Sampled sample(String name) {
            return sampled.stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * The wait before a run's window opened, for the load of earlier runs to drain: how long it took and whether it
     * drained within the bound ({@code state}: what was still in flight when the wait ended).
     */
    public record Drain(double waitedSeconds, boolean drained, String state) {}

    /** A row of an issue's targets table: the figure, its target, what this run measured, and whether it is met. */
    public record TargetRow(String figure, String target, String thisRun, String met) {}

    /** A rising-rate sweep: the highest offered rate that was sustained. */
    public record Sweep(
            String system,
            long providerLatencyMs,
            List<String> scenarios,
            @Nullable Double highestSustainedRate) {}

    public record SseRun(
            int streamsRequested,
            int streamsOpen,
            long events,
            @Nullable Latency delivery,
            String status,
            List<ComponentUsage> components,
            Map<String, Object> extra) {}

    public record TargetCheck(String target, String measured, String verdict, String note) {}

    public record Ratio(
            String what,
            String pipeline,
            String baseline,
            @Nullable Double ratio) {}

    public record Report(
            String command,
            String profile,
            String startedAt,
            double wallMinutes,
            Machine machine,
            Map<String, String> settings,
            List<Scenario> scenarios,
            List<Sweep> sweeps,
            List<SseRun> sse,
            List<TargetCheck> targets,
            List<Ratio> ratios,
            List<TargetRow> issue12,
            List<TargetRow> issue13,
            List<String> notes) {}
}
