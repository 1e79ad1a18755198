package io.picturepipeline.bench;

import io.picturepipeline.bench.measure.ComponentSampler;
import io.picturepipeline.bench.report.ReportWriter;
import io.picturepipeline.bench.report.Results.Drain;
import io.picturepipeline.bench.report.Results.Latency;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.sse.HeapPerStream;
import io.picturepipeline.bench.sse.SseProbe;
import io.picturepipeline.bench.stack.BenchStack;
import io.picturepipeline.infra.DemoTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/** Event-stream delivery: for each stream count of the plan, that many open streams while the pipeline runs. */
final class SsePhase {

    /**
     * The SSE runs give the ingest-api a larger heap than the launcher's 512 MB: every open stream holds Tomcat's
     * request and response buffers and objects (about 140 KB per stream in the 2026-11-24 run, 67 KB since the
     * ingest-api sizes them, {@link IdleStreamHeap}), and 5,000 streams would not fit in 512 MB with the former. The
     * report records the heap in use.
     */
    static final List<String> INGEST_JVM_ARGS = List.of("-Xmx1536m");

    private final Findings findings;
    /** A bench user's token, to ask whether the ingest-api serves the stream at all. */
    private final String token;

    SsePhase(Findings findings, String token) {
        this.findings = findings;
        this.token = token;
    }

    void run(Plan plan, BenchStack stack, Runner runner) {
        if (!SseProbe.available(stack.apiUrl(), token)) {
            findings.notes()
                    .add("SSE delivery latency not measured: the ingest-api does not serve " + SseProbe.USER_STREAM
                            + " yet (404 or not text/event-stream).");
            for (int streams : plan.sseStreams()) {
                findings.sse()
                        .add(new SseRun(
                                streams, 0, 0, null, "not measured: endpoint not available", List.of(), Map.of()));
            }
            return;
        }
        stack.providerLatency(Duration.ZERO);
        for (int streams : plan.sseStreams()) {
            List<String> users = IntStream.range(0, streams)
                    .mapToObj(i -> DemoTokens.mint(DemoTokens.DEFAULT_SECRET, "bench-sse-" + i, Duration.ofHours(12)))
                    .toList();
            // delivery measured on top of the warm-up's (or the previous run's) backlog measures the backlog
            Drain drain = runner.awaitDrain("sse " + streams + " streams");
            Bench.log("sse: " + streams + " streams, " + plan.sseRate() + "/s for "
                    + plan.sseDuration().toSeconds() + " s");
            ComponentSampler sampler = new ComponentSampler(stack.components());
            sampler.start();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put(
                    "drain before the run",
                    String.format(
                            Locale.ROOT,
                            "%s after %.1f s (%s)",
                            drain.drained() ? "drained" : "NOT drained",
                            drain.waitedSeconds(),
                            drain.state()));
            List<String> heapBefore = stack.heapHistogram("ingest-api", 0);
            List<List<String>> heapOpen = new ArrayList<>();
            try {
                SseProbe.Outcome outcome = SseProbe.run(
                        stack.apiUrl(),
                        users,
                        plan.sseRate(),
                        plan.sseDuration(),
                        runner.watcher(),
                        Runner::pipelineBody,
                        () -> {
                            heapOpen.add(stack.heapHistogram("ingest-api", 8));
                            extra.put(
                                    "ingest-api heap with the streams open (jcmd GC.class_histogram, top classes)",
                                    heapOpen.get(0));
                        });
                Latency delivery = Latency.of(outcome.deliveryMicros());
                HeapPerStream.kbPerStream(
                                HeapPerStream.liveMb(heapBefore),
                                heapOpen.isEmpty() ? OptionalDouble.empty() : HeapPerStream.liveMb(heapOpen.get(0)),
                                outcome.open())
                        .ifPresent(kb -> extra.put(HeapPerStream.KEY, Math.round(kb * 10) / 10.0));
                String health = stack.ingestHealth();
                findings.sse()
                        .add(new SseRun(
                                streams,
                                outcome.open(),
                                outcome.events(),
                                delivery,
                                outcome.status() + ", " + outcome.matched() + " events timed" + health,
                                sampler.stop(),
                                extra));
                Bench.log("  → " + outcome.status() + ", p99 "
                        + (delivery == null ? "—" : ReportWriter.num(delivery.p99Ms())) + " ms" + health);
            } catch (RuntimeException e) {
                findings.sse().add(new SseRun(streams, 0, 0, null, "failed: " + e, List.of(), extra));
            }
            Findings.settle();
        }
    }
}
