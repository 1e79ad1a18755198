package io.picturepipeline.bench.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the benchmark asks a running JVM through {@code jcmd}: JFR recordings and heap histograms. */
final class Jcmd {

    private Jcmd() {}

    /** Starts a JFR recording in a running service (jcmd), with the {@code profile} settings, waits from 1 ms. */
    static void startRecording(long pid, Path workDir, Path file) {
        try {
            Path settings = io.picturepipeline.bench.measure.JfrSummary.settings(workDir);
            jcmd(pid, "JFR.start", "name=bench", "settings=" + settings, "filename=" + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void stopRecording(long pid) {
        jcmd(pid, "JFR.stop", "name=bench");
    }

    /** The classes taking most heap in a service now (a full GC first, as {@code GC.class_histogram} does). */
    static List<String> heapHistogram(long pid, int top) {
        try {
            String out = jcmd(pid, "GC.class_histogram");
            List<String> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":") && lines.size() < top) {
                    lines.add(
                            f[3] + " " + String.format(java.util.Locale.ROOT, "%.1f", Long.parseLong(f[2]) / 1048576.0)
                                    + " MB (" + f[1] + ")");
                } else if (line.trim().startsWith("Total")) {
                    lines.add("total " + String.format(java.util.Locale.ROOT, "%.1f", Long.parseLong(f[2]) / 1048576.0)
                            + " MB live");
                }
            }
            return lines;
        } catch (RuntimeException e) {
            return List.of("unavailable: " + e.getMessage());
        }
    }

    private static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
