package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;

/** The outbox ({@code ingest.outbox}) is empty: everything accepted was published. */
final class OutboxEmpty implements Invariant {

    @Override
    public void check(Observed seen, Report report) {
        if (seen.outbox() > 0) {
            report.violation(
                    null,
                    "-",
                    "outbox empty",
                    seen.outbox() + " rows left in ingest.outbox, e.g. " + seen.outboxSample());
        }
    }
}
