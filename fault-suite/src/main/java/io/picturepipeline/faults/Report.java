package io.picturepipeline.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** What the {@link io.picturepipeline.faults.invariants.InvariantChecker} found: every violation with its generation id, counts, and notes. */
public final class Report {

    /** One broken invariant. {@code generationId} is null for a violation that concerns no single generation. */
    public record Violation(@Nullable UUID generationId, String scenario, String invariant, String detail) {

        @Override
        public String toString() {
            return "[" + invariant + "] " + (generationId == null ? "-" : generationId) + " (" + scenario + "): "
                    + detail;
        }
    }

    private final List<Violation> violations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> counts = new LinkedHashMap<>();

    public synchronized void violation(@Nullable UUID generationId, String scenario, String invariant, String detail) {
        violations.add(new Violation(generationId, scenario, invariant, detail));
    }

    public synchronized void note(String text) {
        notes.add(text);
    }

    /** A count or other figure worth reporting, in insertion order. */
    public synchronized void count(String name, Object value) {
        counts.put(name, value);
    }

    public synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    public synchronized Map<String, Object> counts() {
        return new LinkedHashMap<>(counts);
    }

    public synchronized boolean clean() {
        return violations.isEmpty();
    }

    /** Violations grouped by invariant, at most {@code perInvariant} listed under each. */
    public synchronized String toText(int perInvariant) {
        StringBuilder text = new StringBuilder();
        counts.forEach((name, value) ->
                text.append("  ").append(name).append(": ").append(value).append('\n'));
        if (!notes.isEmpty()) {
            text.append("notes:\n");
            notes.stream().limit(40).forEach(n -> text.append("  - ").append(n).append('\n'));
            if (notes.size() > 40) {
                text.append("  … ").append(notes.size() - 40).append(" more\n");
            }
        }
        if (violations.isEmpty()) {
            text.append("invariants: all hold\n");
            return text.toString();
        }
        Map<String, List<Violation>> byInvariant = violations.stream()
                .collect(Collectors.groupingBy(Violation::invariant, LinkedHashMap::new, Collectors.toList()));
        text.append("VIOLATIONS: ").append(violations.size()).append('\n');
        byInvariant.forEach((invariant, list) -> {
            text.append("  ").append(invariant).append(" (").append(list.size()).append("):\n");
            list.stream()
                    .limit(perInvariant)
                    .forEach(v -> text.append("    ")
                            .append(v.generationId() == null ? "-" : v.generationId())
                            .append(" [")
                            .append(v.scenario())
                            .append("] ")
                            .append(v.detail())
                            .append('\n'));
            if (list.size() > perInvariant) {
                text.append("    … ").append(list.size() - perInvariant).append(" more\n");
            }
        });
        return text.toString();
    }

    @Override
    public String toString() {
        return toText(20);
    }
}
