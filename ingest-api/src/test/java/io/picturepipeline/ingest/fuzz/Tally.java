package io.picturepipeline.ingest.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How many requests each operation got, valid and hostile, and the statuses they drew. */
final class Tally {

    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private final Map<String, Map<Integer, Integer>> statuses = new LinkedHashMap<>();
    private final Map<String, Integer> kinds = new TreeMap<>();

    void add(Exchange exchange) {
        String key = exchange.attempt().operation().key();
        int[] count = counts.computeIfAbsent(key, k -> new int[2]);
        count[exchange.attempt().valid() ? 0 : 1]++;
        statuses.computeIfAbsent(key, k -> new TreeMap<>()).merge(exchange.status(), 1, Integer::sum);
        String[] kind = exchange.attempt().kind().split(":");
        kinds.merge(String.join(":", java.util.Arrays.copyOf(kind, Math.min(kind.length, 3))), 1, Integer::sum);
    }

    int total() {
        return counts.values().stream().mapToInt(count -> count[0] + count[1]).sum();
    }

    String summary() {
        return counts.entrySet().stream()
                        .map(entry -> String.format(
                                "  %-52s %4d requests (%3d valid, %3d hostile)  %s",
                                entry.getKey(),
                                entry.getValue()[0] + entry.getValue()[1],
                                entry.getValue()[0],
                                entry.getValue()[1],
                                statuses.get(entry.getKey()).entrySet().stream()
                                        .map(status -> status.getKey() + "×" + status.getValue())
                                        .collect(Collectors.joining(" "))))
                        .collect(Collectors.joining("\n"))
                + "\n  kinds: "
                + kinds.entrySet().stream()
                        .map(kind -> kind.getKey() + "×" + kind.getValue())
                        .collect(Collectors.joining(" "));
    }
}
