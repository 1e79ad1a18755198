package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.faults.Report;
import io.picturepipeline.faults.invariants.LegalTransitions.Step;
import io.picturepipeline.faults.invariants.OneTerminalEvent.TerminalEvents;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The figures a report carries besides its violations. */
final class Summary {

    private Summary() {}

    static void count(Observed seen, Report report) {
        Map<String, Long> sources = seen.expected().values().stream()
                .collect(Collectors.groupingBy(Expected::source, TreeMap::new, Collectors.counting()));
        report.count("submissions", seen.ledger().submissions().size());
        report.count(
                "client outcomes",
                seen.ledger().submissions().stream()
                        .collect(Collectors.groupingBy(
                                s -> s.outcome() + (s.status() > 0 && s.status() != 202 ? " " + s.status() : ""),
                                TreeMap::new,
                                Collectors.counting())));
        report.count("generations owed a terminal state", seen.expected().size() + " " + sources);
        report.count(
                "in doubt but stored",
                seen.requests().stream()
                        .filter(r -> r.submission() != null && r.submission().outcome() == Outcome.IN_DOUBT)
                        .count());
        Map<String, Long> statuses = new TreeMap<>();
        long parked = 0;
        long duplicateTerminalRecords = 0;
        long staleEvents = 0;
        for (Expected e : seen.expected().values()) {
            ProjectionRow row = seen.projection().get(e.id());
            switch (seen.fate(e)) {
                case MISSING -> statuses.merge("(missing)", 1L, Long::sum);
                case PARKED -> {
                    parked++;
                    statuses.merge("parked (" + row.status() + ")", 1L, Long::sum);
                }
                case OPEN -> statuses.merge(row.status(), 1L, Long::sum);
                case TERMINAL -> {
                    statuses.merge(row.status(), 1L, Long::sum);
                    duplicateTerminalRecords +=
                            TerminalEvents.of(seen.eventsOf(e.id())).duplicateRecords();
                }
            }
            if (row != null) {
                staleEvents += LegalTransitions.replay(seen.eventsOf(e.id())).stream()
                        .filter(Step::stale)
                        .count();
            }
        }
        report.count("final statuses", statuses);
        report.count("parked on a dead-letter topic", parked);
        report.count(
                "lifecycle records",
                seen.lifecycleRecords() + " (" + seen.undecodable() + " undecodable, "
                        + seen.misplaced().size() + " under another generation's key)");
        report.count("duplicate terminal records (same event id, deduped)", duplicateTerminalRecords);
        report.count("stale (out-of-order) status events", staleEvents);
        report.count(
                "dead letters",
                seen.deadLetters().stream()
                        .collect(Collectors.groupingBy(DeadLetter::topic, TreeMap::new, Collectors.counting())));
        report.count("projection rows", seen.projection().size());
        report.count("outbox rows", seen.outbox());
    }
}
