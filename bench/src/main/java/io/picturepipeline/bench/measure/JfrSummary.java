package io.picturepipeline.bench.measure;

import io.picturepipeline.bench.report.Results.Frame;
import io.picturepipeline.bench.report.Results.Profile;
import io.picturepipeline.bench.report.Results.Wait;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples ({@code jdk.ExecutionSample}) of a JFR recording, summed by the method on top of the stack (where
 * the time goes), by the topmost frame of our own code ({@code io.picturepipeline}: which of our code paths pays for
 * it), by the library of the top frame, and by thread (which threads are busy; numbers in names folded).
 */
public final class JfrSummary {

    private JfrSummary() {}

    public static Profile summarize(String component, Path file, int top) throws IOException {
        Map<String, Long> leaves = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, long[]> waits = new HashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                if (WAITS.containsKey(type)) {
                    wait(event, WAITS.get(type), waits);
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                samples++;
                RecordedStackTrace stack = event.getStackTrace();
                if (stack != null && !stack.getFrames().isEmpty()) {
                    leaves.merge(frame(stack.getFrames().get(0)), 1L, Long::sum);
                    libraries.merge(library(stack.getFrames().get(0)), 1L, Long::sum);
                    stack.getFrames().stream()
                            .map(JfrSummary::frame)
                            .filter(f -> f.startsWith("io.picturepipeline."))
                            .findFirst()
                            .ifPresent(f -> own.merge(f, 1L, Long::sum));
                }
                RecordedThread thread = event.getThread("sampledThread");
                String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
                threads.merge(ComponentSampler.fold(name), 1L, Long::sum);
            }
        }
        return new Profile(
                component,
                file.toString(),
                samples,
                top(leaves, samples, top),
                top(own, samples, top),
                top(libraries, samples, top),
                top(threads, samples, top),
                waits.entrySet().stream()
                        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1])
                                .reversed())
                        .limit(top)
                        .map(e -> new Wait(e.getKey(), e.getValue()[0], e.getValue()[1] / 1e9))
                        .toList());
    }

    /** Blocking events, by short name. Thresholds are lowered to 1 ms by {@link #settings}. */
    static final Map<String, String> WAITS = Map.of(
            "jdk.ThreadPark", "park",
            "jdk.JavaMonitorEnter", "monitor",
            "jdk.SocketRead", "socket read",
            "jdk.SocketWrite", "socket write",
            "jdk.FileForce", "fsync",
            "jdk.FileWrite", "file write",
            "jdk.FileRead", "file read");

    /** Sums a blocking event under the topmost frame of our code; waits outside our code (idle pools) are skipped. */
    private static void wait(RecordedEvent event, String kind, Map<String, long[]> waits) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null) {
            return;
        }
        stack.getFrames().stream()
                .map(JfrSummary::frame)
                .filter(f -> f.startsWith("io.picturepipeline."))
                .findFirst()
                .ifPresent(own -> {
                    long[] acc = waits.computeIfAbsent(own + " (" + kind + ")", k -> new long[2]);
                    acc[0]++;
                    acc[1] += event.getDuration().toNanos();
                });
    }

    /**
     * JFR settings for a profiled run: the JDK's {@code profile} settings with the thresholds of lock, socket and
     * file events lowered from 10 ms to 1 ms, so that short but frequent waits (a commit's fsync, a producer ack)
     * show up.
     */
    public static Path settings(Path dir) throws IOException {
        Path profile = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
        String jfc = java.nio.file.Files.readString(profile)
                .replaceAll("(control=\"(?:locking|file|socket)-threshold\">)10 ms<", "$11 ms<");
        Path file = dir.resolve("bench-profile.jfc");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(file, jfc);
        return file;
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The library a frame belongs to: its package cut to three parts ({@code org.apache.kafka}, {@code java.util}). */
    static String library(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        int keep = Math.min(3, Math.max(1, parts.length - 1));
        return String.join(".", java.util.Arrays.copyOf(parts, keep));
    }

    private static List<Frame> top(Map<String, Long> counts, long total, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(n)
                .map(e -> new Frame(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total))
                .toList();
    }
}
