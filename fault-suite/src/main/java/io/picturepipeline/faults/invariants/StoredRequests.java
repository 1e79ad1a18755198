package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.faults.Ledger.Submission;
import io.picturepipeline.faults.Report;
import io.picturepipeline.faults.invariants.Observed.RequestRow;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code ingest.generation_request} holds every accepted request, under the id the client was given, and nothing a
 * client was refused or never sent.
 */
final class StoredRequests implements Invariant {

    @Override
    public void check(Observed seen, Report report) {
        for (RequestRow row : seen.requests()) {
            Submission submission = row.submission();
            if (submission == null) {
                report.violation(row.id(), "-", "no phantom", "a stored request nobody made: prompt " + row.prompt());
                continue;
            }
            switch (submission.outcome()) {
                case ACCEPTED -> {
                    if (!row.id().equals(submission.id())) {
                        report.violation(
                                row.id(),
                                submission.scenario(),
                                "no phantom",
                                "request " + submission.nonce() + " was accepted as " + submission.id()
                                        + " but is stored (also) as " + row.id());
                    }
                }
                case IN_DOUBT -> {}
                case REJECTED, REFUSED ->
                    report.violation(
                            row.id(),
                            submission.scenario(),
                            "rejected leaves nothing",
                            "request " + submission.nonce() + " got " + describe(submission) + " but was stored");
            }
        }
        Set<UUID> stored = seen.requests().stream().map(RequestRow::id).collect(Collectors.toSet());
        for (Submission s : seen.ledger().submissions()) {
            if (s.outcome() == Outcome.ACCEPTED && !stored.contains(s.id())) {
                report.violation(
                        s.id(), s.scenario(), "nothing lost", "202, then lost: no ingest.generation_request row");
            }
        }
    }

    private static String describe(Submission submission) {
        return switch (submission.outcome()) {
            case REJECTED -> submission.status() + " " + submission.detail();
            case REFUSED -> "connection refused";
            default -> submission.outcome().toString();
        };
    }
}
