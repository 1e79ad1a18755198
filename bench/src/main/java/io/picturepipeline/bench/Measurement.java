package io.picturepipeline.bench;

import io.picturepipeline.bench.load.OpenLoop;
import io.picturepipeline.bench.load.RunRecorder;
import io.picturepipeline.bench.load.Target;
import io.picturepipeline.bench.measure.Component;
import io.picturepipeline.bench.measure.ComponentSampler;
import io.picturepipeline.bench.measure.JfrSummary;
import io.picturepipeline.bench.measure.SampledValue;
import io.picturepipeline.bench.report.Results.ComponentUsage;
import io.picturepipeline.bench.report.Results.Drain;
import io.picturepipeline.bench.report.Results.Latency;
import io.picturepipeline.bench.report.Results.Profile;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.stack.BenchStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One measured run of a {@link Workload}, whichever system serves it: the open loop of arrivals, the figures sampled
 * every second, JFR where asked, the wait for what is outstanding, and the {@link Scenario} with its verdict.
 */
final class Measurement {

    /**
     * What a system brings to a run: where requests go, how completions reach the recorder ({@code attach}), what to
     * sample every second, the processes to measure, the run's own figures at the end, and the services to profile.
     */
    record Probes(
            Target target,
            Consumer<RunRecorder> attach,
            List<SampledValue> sampled,
            Runnable tick,
            List<Component> components,
            Function<RunRecorder, Map<String, Object>> extra,
            List<String> profiled) {}

    private final BenchStack stack;
    private final Path outDir;
    private final Consumer<String> log;

    Measurement(BenchStack stack, Path outDir, Consumer<String> log) {
        this.stack = stack;
        this.outDir = outDir;
        this.log = log;
    }

    Scenario run(Workload w, Probes probes, boolean cadence, @Nullable Drain drainBefore) {
        log.accept(String.format(
                Locale.ROOT,
                "%s %s: %s/s for %ds, provider %dms",
                w.system(),
                w.label(),
                Workload.rateLabel(w.rate()),
                w.duration().toSeconds(),
                w.providerLatency().toMillis()));
        OpenLoop loop = new OpenLoop(w.rate(), w.duration());
        long start = System.nanoTime() + 200_000_000L;
        int seconds = (int) (w.duration().toSeconds() + w.drain().toSeconds() + 10);
        RunRecorder recorder = new RunRecorder(start, seconds);
        probes.attach().accept(recorder);
        ComponentSampler sampler = new ComponentSampler(probes.components());
        Map<String, Path> recordings = startRecordings(w, probes.profiled());
        sampler.start();
        ScheduledExecutorService ticker = everySecond(() -> {
            probes.sampled().forEach(SampledValue::sample);
            sampler.sample();
            probes.tick().run();
        });
        long[] seq = {0};
        OpenLoop.Timing timing = loop.run(
                OpenLoop.Clock.SYSTEM, start, intended -> probes.target().submit(seq[0]++, intended, recorder));
        long arrivalsEnd = start + w.duration().toNanos();
        stopRecordings(recordings);
        long deadline = arrivalsEnd + w.drain().toNanos();
        while (System.nanoTime() < deadline
                && (recorder.outstanding() > 0
                        || probes.target().outstandingRequests() > 0
                        || System.nanoTime() < arrivalsEnd)) {
            Runner.sleep(200);
        }
        stop(ticker);
        List<ComponentUsage> usage = sampler.stop();
        probes.attach().accept(null);
        Scenario scenario = scenario(w, recorder, timing, probes, usage, summarize(recordings), cadence, drainBefore);
        logOutcome(scenario);
        return scenario;
    }

    private Scenario scenario(
            Workload w,
            RunRecorder recorder,
            OpenLoop.Timing timing,
            Probes probes,
            List<ComponentUsage> usage,
            List<Profile> profiles,
            boolean cadence,
            @Nullable Drain drainBefore) {
        // read once: a late answer after the drain deadline must not make the figures disagree
        long sent = recorder.sentCount();
        long accepted = recorder.acceptedCount();
        long rejected = recorder.rejectedCount();
        long unfinished = recorder.outstanding();
        int windowSeconds = (int) w.duration().toSeconds();
        double throughput = cadence
                ? recorder.finishedRate(0, windowSeconds)
                : recorder.finishedRate(windowSeconds / 2, windowSeconds);
        List<String> problems = new ArrayList<>();
        if (sent > 0 && rejected > sent / 1000) {
            problems.add(rejected + " refused");
        }
        if (!cadence && throughput < 0.95 * w.rate()) {
            problems.add("completions " + Runner.fmt(throughput) + "/s < 95% of offered");
        }
        if (unfinished > Math.max(0, accepted / 1000)) {
            problems.add(unfinished + " unfinished " + w.drain().toSeconds() + " s after the last arrival");
        }
        if (w.profile()) {
            problems.add(0, "profiled run, not used for targets");
        }
        boolean sustainable = problems.isEmpty() || (w.profile() && problems.size() == 1);
        return new Scenario(
                w.system(),
                w.label(),
                w.providerLatency().toMillis(),
                w.rate(),
                w.duration().toNanos() / 1e9,
                sent,
                accepted,
                rejected,
                recorder.errors(),
                recorder.completedCount(),
                recorder.failedCount(),
                unfinished,
                Latency.of(recorder.submitLatencyMicros()),
                Latency.of(recorder.endToEndMicros()),
                throughput,
                sustainable && !cadence,
                cadence
                        ? "n/a: fixed cadence" + (problems.isEmpty() ? "" : "; " + String.join("; ", problems))
                        : String.join("; ", problems),
                recorder.maxBacklog(),
                timing.maxSendLagNanos() / 1e6,
                probes.sampled().stream().map(SampledValue::result).toList(),
                usage,
                profiles,
                extras(probes.extra().apply(recorder), recorder, w, cadence),
                drainBefore);
    }

    /**
     * The run's own figures plus how soon completions kept up with arrivals (at least 90% of the offered rate in every
     * two seconds from then to the end of the arrivals) and when the last accepted generation finished: what the
     * fresh-start phase is for, and cheap to give for every run.
     */
    private static Map<String, Object> extras(
            Map<String, Object> own, RunRecorder recorder, Workload w, boolean cadence) {
        Map<String, Object> out = new LinkedHashMap<>(own);
        if (cadence) {
            return out;
        }
        int window = (int) w.duration().toSeconds();
        out.put(
                Runner.KEPT_UP_FROM,
                recorder.keptUpFromSecond(w.rate(), window, 0.9).isPresent()
                        ? (Object)
                                recorder.keptUpFromSecond(w.rate(), window, 0.9).getAsInt()
                        : "not within the " + window + " s of arrivals");
        if (recorder.outstanding() == 0) {
            recorder.lastFinishedAfterStartNanos()
                    .ifPresent(n -> out.put(Runner.LAST_COMPLETION, Math.round(n / 1e8) / 10.0));
        }
        return out;
    }

    private Map<String, Path> startRecordings(Workload w, List<String> profiled) {
        Map<String, Path> recordings = new LinkedHashMap<>();
        for (String service : profiled) {
            Path file =
                    outDir.resolve("jfr").resolve(Runner.slug(w.system() + "-" + w.label()) + "-" + service + ".jfr");
            try {
                Files.createDirectories(file.getParent());
                stack.startRecording(service, file);
                recordings.put(service, file);
            } catch (Exception e) {
                log.accept("could not start JFR in " + service + ": " + e.getMessage());
            }
        }
        return recordings;
    }

    private void stopRecordings(Map<String, Path> recordings) {
        for (String service : recordings.keySet()) {
            try {
                stack.stopRecording(service);
            } catch (Exception e) {
                log.accept("could not stop JFR in " + service + ": " + e.getMessage());
            }
        }
    }

    private List<Profile> summarize(Map<String, Path> recordings) {
        List<Profile> profiles = new ArrayList<>();
        recordings.forEach((service, file) -> {
            try {
                profiles.add(JfrSummary.summarize(service, file, 12));
            } catch (Exception e) {
                log.accept("could not read " + file + ": " + e.getMessage());
            }
        });
        return profiles;
    }

    private static ScheduledExecutorService everySecond(Runnable sample) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(sample, 0, 1, TimeUnit.SECONDS);
        return ticker;
    }

    private static void stop(ScheduledExecutorService ticker) {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void logOutcome(Scenario scenario) {
        log.accept(String.format(
                Locale.ROOT,
                "  → accepted %d/%d, submit p99 %s ms, e2e p50/p99 %s/%s ms, throughput %s/s, %s",
                scenario.accepted(),
                scenario.sent(),
                scenario.submit() == null ? "—" : Runner.fmt(scenario.submit().p99Ms()),
                scenario.endToEnd() == null
                        ? "—"
                        : Runner.fmt(scenario.endToEnd().p50Ms()),
                scenario.endToEnd() == null
                        ? "—"
                        : Runner.fmt(scenario.endToEnd().p99Ms()),
                Runner.fmt(scenario.throughputPerSecond()),
                scenario.verdict().startsWith("n/a")
                        ? scenario.verdict()
                        : scenario.sustainable() ? "sustained" : "NOT sustained: " + scenario.verdict()));
    }
}
