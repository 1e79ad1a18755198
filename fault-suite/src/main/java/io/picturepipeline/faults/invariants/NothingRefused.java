package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;
import io.picturepipeline.faults.invariants.Observed.Refused;

/** The projection refused no event as an illegal transition ({@code refused_reason} in its events log). */
final class NothingRefused implements Invariant {

    @Override
    public void check(Observed seen, Report report) {
        for (Refused r : seen.refused()) {
            report.violation(
                    r.generationId(),
                    seen.scenarioOf(r.generationId()),
                    "no illegal transition",
                    "projection refused " + r.type() + " " + r.eventId() + ": " + r.reason());
        }
    }
}
