package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Exactly once: a terminal generation has one terminal event id on the lifecycle topic (duplicate records of it are
 * allowed, two different facts under it are not) and one terminal row in {@code projection.generation_event}; a
 * generation that is not terminal has none.
 */
final class OneTerminalEvent implements Invariant {

    private static final String NAME = "one terminal event";

    /** A generation's terminal events on the topic: the types under each event id, and how many records carry them. */
    record TerminalEvents(Map<UUID, Set<String>> typesById, long records) {

        static TerminalEvents of(List<PipelineEvent> events) {
            Map<UUID, Set<String>> typesById = new LinkedHashMap<>();
            long records = 0;
            for (PipelineEvent event : events) {
                if (Observed.TERMINAL_TYPES.contains(event.type())) {
                    records++;
                    typesById
                            .computeIfAbsent(event.eventId(), k -> new LinkedHashSet<>())
                            .add(event.type());
                }
            }
            return new TerminalEvents(typesById, records);
        }

        long duplicateRecords() {
            return Math.max(0, records - typesById.size());
        }
    }

    @Override
    public void check(Observed seen, Report report) {
        for (Expected e : seen.expected().values()) {
            ProjectionRow row = seen.projection().get(e.id());
            if (row == null) {
                continue;
            }
            Map<UUID, Set<String>> terminalIds =
                    TerminalEvents.of(seen.eventsOf(e.id())).typesById();
            if (!row.generationStatus().isTerminal()) {
                if (!terminalIds.isEmpty()) {
                    report.violation(
                            e.id(),
                            e.scenario(),
                            NAME,
                            "terminal events " + terminalIds + " on the topic but the projection says " + row.status());
                }
                continue;
            }
            if (terminalIds.size() != 1) {
                report.violation(
                        e.id(),
                        e.scenario(),
                        NAME,
                        terminalIds.size() + " terminal event ids on " + Topics.LIFECYCLE + ": " + terminalIds);
            }
            terminalIds.forEach((eventId, types) -> {
                if (types.size() > 1) {
                    report.violation(
                            e.id(),
                            e.scenario(),
                            NAME,
                            "terminal event " + eventId + " carries different facts: " + types);
                }
            });
            List<String> logged = seen.terminalRowsLogged().getOrDefault(e.id(), List.of());
            if (logged.size() != 1) {
                report.violation(
                        e.id(),
                        e.scenario(),
                        NAME,
                        logged.size() + " terminal rows in projection.generation_event: " + logged);
            }
        }
    }
}
