package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;
import io.picturepipeline.faults.invariants.Observed.Fate;
import java.util.List;

/**
 * Every expected generation has a projection row that came from its {@code GenerationRequested} and reached a
 * terminal state the scenario allows — or is parked on a dead-letter topic where the scenario allows that.
 */
final class TerminalState implements Invariant {

    @Override
    public void check(Observed seen, Report report) {
        for (Expected e : seen.expected().values()) {
            ProjectionRow row = seen.projection().get(e.id());
            if (row == null) {
                report.violation(
                        e.id(),
                        e.scenario(),
                        "nothing lost",
                        e.source() + ", then lost: no projection row ("
                                + seen.eventsOf(e.id()).size() + " lifecycle events)");
                continue;
            }
            if (row.owner() == null) {
                report.violation(
                        e.id(),
                        e.scenario(),
                        "nothing lost",
                        "the projection has no GenerationRequested for it (owner is null, status " + row.status()
                                + ")");
            }
            Fate fate = seen.fate(e);
            if (fate == Fate.OPEN) {
                List<DeadLetter> dead = seen.otherDeadLettersOf(e.id());
                report.violation(
                        e.id(),
                        e.scenario(),
                        "reached a terminal state",
                        e.source() + " but " + row.status() + (dead.isEmpty() ? "" : ", dead-lettered: " + dead));
            } else if (fate == Fate.TERMINAL && !e.terminal().contains(row.generationStatus())) {
                report.violation(
                        e.id(),
                        e.scenario(),
                        "reached a terminal state",
                        "ended " + row.status() + ", expected " + e.terminal() + row.failure());
            }
        }
    }
}
