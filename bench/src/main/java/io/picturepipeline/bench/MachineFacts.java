package io.picturepipeline.bench;

import io.picturepipeline.bench.report.Results.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the benchmark ran on, from {@code /proc} and {@code /etc/os-release}. */
final class MachineFacts {

    private MachineFacts() {}

    /** The 1-, 5- and 15-minute load averages: how much else was running (2 = both cores busy). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static Machine describe(String loadBefore) {
        String cpu = "?";
        long memMb = 0;
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("?");
            memMb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                            .filter(l -> l.startsWith("MemTotal:"))
                            .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                            .findFirst()
                            .orElse(0L)
                    / 1024;
            os = Files.readAllLines(Path.of("/etc/os-release")).stream()
                            .filter(l -> l.startsWith("PRETTY_NAME="))
                            .map(l -> l.substring(12).replace("\"", ""))
                            .findFirst()
                            .orElse(os)
                    + ", kernel " + System.getProperty("os.version");
        } catch (IOException | RuntimeException ignored) {
            // keep what we have
        }
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memMb,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                os,
                loadBefore,
                loadAverage());
    }
}
