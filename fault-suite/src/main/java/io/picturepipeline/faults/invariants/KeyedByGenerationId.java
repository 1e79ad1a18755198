package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;
import io.picturepipeline.faults.invariants.Observed.Misplaced;
import io.picturepipeline.schemas.Topics;

/**
 * Every lifecycle record is keyed by the generation its event names; the stages and the projection refuse one that is
 * not as poison, which only the poison scenarios may publish.
 */
final class KeyedByGenerationId implements Invariant {

    @Override
    public void check(Observed seen, Report report) {
        for (Misplaced m : seen.misplaced()) {
            if (!seen.ledger().poisonKeys().containsKey(m.key())) {
                report.violation(
                        m.event().generationId(),
                        seen.scenarioOf(m.event().generationId()),
                        "keyed by generation id",
                        m.event().type() + " at " + Topics.LIFECYCLE + "-" + m.partition() + "@" + m.offset()
                                + " is keyed " + m.key());
            }
        }
    }
}
