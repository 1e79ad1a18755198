package io.picturepipeline.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads CPU time and memory of processes and threads from Linux's {@code /proc}. */
public final class ProcFs {

    private static final Path PROC = Path.of("/proc");
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcFs() {}

    /** One process or thread, as {@code /proc/<pid>/stat} has it. CPU times in clock ticks. */
    public record Stat(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime) {

        public long ownTicks() {
            return utime + stime;
        }

        public long reapedChildTicks() {
            return cutime + cstime;
        }
    }

    public static double ticksToSeconds(long ticks) {
        return ticks / (double) TICKS_PER_SECOND;
    }

    public static Optional<Stat> stat(long pid) {
        return parseStat(PROC.resolve(Long.toString(pid)).resolve("stat"));
    }

    public static Optional<Stat> threadStat(long pid, long tid) {
        return parseStat(PROC.resolve(Long.toString(pid))
                .resolve("task")
                .resolve(Long.toString(tid))
                .resolve("stat"));
    }

    /** Parses the stat line; the command name is in parentheses and may itself contain spaces or parentheses. */
    static Optional<Stat> parseStatLine(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        String comm = line.substring(open + 1, close);
        String[] f = line.substring(close + 2).split(" ");
        // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17
        return Optional.of(new Stat(
                pid,
                comm,
                Long.parseLong(f[1]),
                Long.parseLong(f[11]),
                Long.parseLong(f[12]),
                Long.parseLong(f[13]),
                Long.parseLong(f[14])));
    }

    private static Optional<Stat> parseStat(Path file) {
        try {
            return parseStatLine(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** Resident set size in bytes ({@code VmRSS}), or empty if the process is gone. */
    public static Optional<Long> rssBytes(long pid) {
        try {
            for (String line :
                    Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Optional.of(Long.parseLong(kb) * 1024);
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    public static String cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    raw[i] = ' ';
                }
            }
            return new String(raw, StandardCharsets.UTF_8).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    /** Every process now, with its stat. */
    public static List<Stat> all() {
        List<Stat> stats = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                parseStat(dir.resolve("stat")).ifPresent(stats::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return stats;
    }

    /** The thread ids of a process. */
    public static List<Long> threads(long pid) {
        List<Long> tids = new ArrayList<>();
        try (DirectoryStream<Path> dirs =
                Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path dir : dirs) {
                tids.add(Long.parseLong(dir.getFileName().toString()));
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return tids;
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
