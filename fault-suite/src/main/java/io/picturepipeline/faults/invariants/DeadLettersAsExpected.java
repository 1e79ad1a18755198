package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Ledger.ExpectedDeadLetter;
import io.picturepipeline.faults.Report;
import io.picturepipeline.faults.invariants.Observed.Fate;
import io.picturepipeline.faults.invariants.Observed.Match;
import io.picturepipeline.schemas.GenerationStatus;
import java.util.Locale;
import java.util.UUID;

/**
 * The dead-letter topics hold exactly the failures the scenarios provoked, each once and with its reason, plus the
 * dead letters of generations that are parked where the scenario allows it or failed for good.
 */
final class DeadLettersAsExpected implements Invariant {

    private static final String NAME = "dead letters as expected";

    @Override
    public void check(Observed seen, Report report) {
        seen.matches().forEach(match -> checkExpected(match, report));
        for (DeadLetter d : seen.unmatched()) {
            UUID generation = Observed.parseUuid(d.key());
            if (generation == null || !seen.expected().containsKey(generation)) {
                report.violation(
                        generation,
                        generation == null ? "-" : seen.ledger().poisonKeys().getOrDefault(d.key(), "-"),
                        NAME,
                        "unexpected dead letter " + d.where() + " key " + d.key() + ": " + d.exceptionClass() + ": "
                                + d.message());
            }
        }
        for (Expected e : seen.expected().values()) {
            ProjectionRow row = seen.projection().get(e.id());
            if (row == null) {
                continue;
            }
            boolean parked = seen.fate(e) == Fate.PARKED;
            for (DeadLetter d : seen.otherDeadLettersOf(e.id())) {
                boolean consistentFailure = d.terminal() && row.generationStatus() == GenerationStatus.FAILED;
                if (!parked && !consistentFailure) {
                    report.violation(
                            e.id(),
                            e.scenario(),
                            NAME,
                            "unexpected dead letter " + d.where() + " (status " + row.status() + "): "
                                    + d.exceptionClass() + ": " + d.message());
                }
            }
        }
    }

    private static void checkExpected(Match match, Report report) {
        ExpectedDeadLetter want = match.want();
        UUID generation = Observed.parseUuid(want.key());
        if (match.found().isEmpty()) {
            report.violation(
                    generation,
                    want.scenario(),
                    NAME,
                    "missing on " + want.topic() + ": " + want.what() + " (key " + want.key() + ")");
            return;
        }
        if (match.found().size() > 1) {
            report.violation(
                    generation,
                    want.scenario(),
                    NAME,
                    want.what() + " dead-lettered " + match.found().size() + " times: "
                            + match.found().stream().map(DeadLetter::where).toList());
        }
        DeadLetter first = match.found().get(0);
        if (!first.exceptionClass().contains(want.exceptionContains())
                || !first.message()
                        .toLowerCase(Locale.ROOT)
                        .contains(want.messageContains().toLowerCase(Locale.ROOT))) {
            report.violation(
                    generation,
                    want.scenario(),
                    NAME,
                    want.what() + " at " + first.where() + " has the reason " + first.exceptionClass() + ": "
                            + first.message() + " (expected " + want.exceptionContains() + " / '"
                            + want.messageContains() + "')");
        }
    }
}
