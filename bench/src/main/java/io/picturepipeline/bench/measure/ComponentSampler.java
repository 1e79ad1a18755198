package io.picturepipeline.bench.measure;

import io.picturepipeline.bench.report.Results.ComponentUsage;
import io.picturepipeline.bench.report.Results.ThreadUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU and memory per component over a measured window: CPU time from {@code /proc/<pid>/stat} at the start and the
 * end, resident memory ({@code VmRSS}) sampled every second (the peak is reported), and for single-process
 * components the busiest threads (by {@code /proc/<pid>/task/<tid>/stat}; Linux keeps 15 characters of a Java
 * thread's name, numbers are folded so a pool counts as one).
 */
public final class ComponentSampler {

    private final List<Component> components;
    private final Map<String, Long> startTicks = new HashMap<>();
    private final Map<String, Map<Long, ProcFs.Stat>> startThreads = new HashMap<>();
    private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
    private long startNanos;

    public ComponentSampler(List<Component> components) {
        this.components = List.copyOf(components);
    }

    public void start() {
        startNanos = System.nanoTime();
        for (Component c : components) {
            startTicks.put(c.name(), cpuTicks(c));
            if (!c.tree()) {
                startThreads.put(c.name(), threadStats(c.pid()));
            }
            peakRss.put(c.name(), rss(c));
        }
    }

    /** Call about once a second while the window is open. */
    public void sample() {
        for (Component c : components) {
            peakRss.merge(c.name(), rss(c), Math::max);
        }
    }

    public List<ComponentUsage> stop() {
        sample();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<ComponentUsage> usage = new ArrayList<>();
        for (Component c : components) {
            double cpu = ProcFs.ticksToSeconds(cpuTicks(c) - startTicks.getOrDefault(c.name(), 0L));
            List<ThreadUsage> threads =
                    c.tree() ? List.of() : busiestThreads(startThreads.get(c.name()), threadStats(c.pid()), seconds);
            usage.add(new ComponentUsage(
                    c.name(), cpu, cpu / seconds, peakRss.getOrDefault(c.name(), 0L) / (1024.0 * 1024.0), threads));
        }
        return usage;
    }

    static long cpuTicks(Component c) {
        if (!c.tree()) {
            return ProcFs.stat(c.pid()).map(ProcFs.Stat::ownTicks).orElse(0L);
        }
        long total = ProcFs.stat(c.pid())
                .map(s -> s.ownTicks() + s.reapedChildTicks())
                .orElse(0L);
        for (ProcFs.Stat s : descendants(c.pid())) {
            total += s.ownTicks();
        }
        return total;
    }

    static long rss(Component c) {
        long total = ProcFs.rssBytes(c.pid()).orElse(0L);
        if (c.tree()) {
            for (ProcFs.Stat s : descendants(c.pid())) {
                total += ProcFs.rssBytes(s.pid()).orElse(0L);
            }
        }
        return total;
    }

    static List<ProcFs.Stat> descendants(long root) {
        List<ProcFs.Stat> all = ProcFs.all();
        Map<Long, List<ProcFs.Stat>> byParent = new HashMap<>();
        for (ProcFs.Stat s : all) {
            byParent.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s);
        }
        List<ProcFs.Stat> found = new ArrayList<>();
        List<Long> frontier = new ArrayList<>(List.of(root));
        while (!frontier.isEmpty()) {
            long pid = frontier.remove(frontier.size() - 1);
            for (ProcFs.Stat child : byParent.getOrDefault(pid, List.of())) {
                found.add(child);
                frontier.add(child.pid());
            }
        }
        return found;
    }

    private static Map<Long, ProcFs.Stat> threadStats(long pid) {
        Map<Long, ProcFs.Stat> stats = new HashMap<>();
        for (long tid : ProcFs.threads(pid)) {
            ProcFs.threadStat(pid, tid).ifPresent(s -> stats.put(tid, s));
        }
        return stats;
    }

    static List<ThreadUsage> busiestThreads(
            Map<Long, ProcFs.Stat> before, Map<Long, ProcFs.Stat> after, double seconds) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        for (Map.Entry<Long, ProcFs.Stat> e : after.entrySet()) {
            long earlier = Optional.ofNullable(before == null ? null : before.get(e.getKey()))
                    .map(ProcFs.Stat::ownTicks)
                    .orElse(0L);
            long ticks = e.getValue().ownTicks() - earlier;
            long[] acc = byName.computeIfAbsent(fold(e.getValue().comm()), k -> new long[2]);
            acc[0] += ticks;
            acc[1]++;
        }
        return byName.entrySet().stream()
                .filter(e -> e.getValue()[0] > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                        .reversed())
                .limit(6)
                .map(e -> new ThreadUsage(
                        e.getKey(), (int) e.getValue()[1], ProcFs.ticksToSeconds(e.getValue()[0]) / seconds))
                .toList();
    }

    /** Folds numbers so that a pool's threads count together: {@code http-nio-8080-exec-12} → {@code http-nio-#-exec-#}. */
    static String fold(String threadName) {
        return threadName.replaceAll("[0-9]+", "#");
    }
}
