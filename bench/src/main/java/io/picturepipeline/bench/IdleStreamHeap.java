package io.picturepipeline.bench;

import io.picturepipeline.bench.sse.HeapPerStream;
import io.picturepipeline.bench.sse.SseProbe;
import io.picturepipeline.bench.stack.BenchStack;
import io.picturepipeline.infra.DemoTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * Heap per idle SSE stream alone, without the rest of the benchmark: a fresh stack (as the SSE phase's, with its
 * ingest-api heap), one stream opened and closed (so that what the first request initialises is not counted), the
 * ingest-api's live heap, then per-user streams opened in steps (one user each, nothing sent on them) and the live
 * heap after each step ({@link HeapPerStream}: after the full GC of {@code jcmd GC.class_histogram}). The streams stay
 * open across the steps, so every step is measured against the same heap before any stream.
 *
 * <p>{@code IdleStreamHeap [--streams=1000,2000] [--hold=PT0S] [bench options: --service-arg=ingest-api:--k=v,
 * --service-jvm-args=..., --work=dir]}; {@code --hold} keeps the streams open that long at the end (for a heap dump).
 */
public final class IdleStreamHeap {

    private static final int TOP_CLASSES = 15;

    private IdleStreamHeap() {}

    public static void main(String[] args) throws Exception {
        List<Integer> steps = List.of(1_000, 2_000);
        Duration hold = Duration.ZERO;
        List<String> benchArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--streams=")) {
                steps = Arrays.stream(arg.substring(10).split(","))
                        .map(Integer::parseInt)
                        .toList();
            } else if (arg.startsWith("--hold=")) {
                hold = Duration.parse(arg.substring(7));
            } else {
                benchArgs.add(arg);
            }
        }
        BenchOptions options = BenchOptions.parse(benchArgs.toArray(String[]::new));
        Bench.log("ingest-api arguments " + options.serviceArgs().get("ingest-api") + ", JVM " + options.jvmArgs() + " "
                + SsePhase.INGEST_JVM_ARGS + ", load average " + MachineFacts.loadAverage());
        try (BenchStack stack = BenchStack.start(
                new BenchStack.Options(
                        options.projectRoot(),
                        options.work().resolve("idle-stream-heap"),
                        options.jvmArgs(),
                        options.serviceArgs(),
                        java.util.Map.of("ingest-api", SsePhase.INGEST_JVM_ARGS),
                        true,
                        false),
                Bench::log)) {
            measure(stack, steps, hold);
        }
    }

    private static void measure(BenchStack stack, List<Integer> steps, Duration hold) throws InterruptedException {
        String first = token("heap-first");
        if (!SseProbe.available(stack.apiUrl(), first)) {
            throw new IllegalStateException("the ingest-api does not serve " + SseProbe.USER_STREAM);
        }
        List<String> before = stack.heapHistogram("ingest-api", TOP_CLASSES);
        Bench.log("before any stream (ingest-api pid "
                + stack.service("ingest-api").pid() + "): " + before);
        List<SseProbe.OpenStreams> opened = new ArrayList<>();
        int open = 0;
        int asked = 0;
        for (int step : steps) {
            int from = asked;
            List<String> tokens = IntStream.range(from, step)
                    .mapToObj(i -> token("heap-" + i))
                    .toList();
            SseProbe.OpenStreams streams = SseProbe.open(stack.apiUrl(), tokens, new ConcurrentLinkedQueue<>());
            opened.add(streams);
            open += streams.open();
            asked = step;
            Bench.log(streams.status());
            List<String> with = stack.heapHistogram("ingest-api", TOP_CLASSES);
            double kb = HeapPerStream.kbPerStream(HeapPerStream.liveMb(before), HeapPerStream.liveMb(with), open)
                    .orElse(Double.NaN);
            Bench.log(String.format(Locale.ROOT, "%,d streams open: %.1f KB of live heap per idle stream", open, kb));
            with.forEach(line -> Bench.log("  " + line));
        }
        if (!hold.isZero()) {
            Bench.log("holding the streams open for " + hold);
            Thread.sleep(hold.toMillis());
        }
        opened.forEach(SseProbe.OpenStreams::close);
        Bench.log("ingest-api: " + stack.ingestHealth());
    }

    private static String token(String user) {
        return DemoTokens.mint(DemoTokens.DEFAULT_SECRET, user, Duration.ofHours(12));
    }
}
