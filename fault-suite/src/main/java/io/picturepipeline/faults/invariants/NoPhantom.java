package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;
import io.picturepipeline.schemas.PipelineEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Nothing phantom: no projection row, lifecycle event, completed download or image for a generation nobody was told
 * was accepted — except what a poison record's dead letter announces under its key.
 */
final class NoPhantom implements Invariant {

    private static final String NAME = "no phantom";

    @Override
    public void check(Observed seen, Report report) {
        Map<String, String> poisonKeys = seen.ledger().poisonKeys();
        for (ProjectionRow row : seen.projection().values()) {
            if (seen.expected().containsKey(row.id())) {
                continue;
            }
            String poisonScenario = poisonKeys.get(row.id().toString());
            if (poisonScenario != null
                    && row.owner() == null
                    && !row.generationStatus().isTerminal()) {
                continue; // a poison record's dead letter, announced under its key
            }
            List<String> types =
                    seen.eventsOf(row.id()).stream().map(PipelineEvent::type).toList();
            report.violation(
                    row.id(),
                    poisonScenario != null ? poisonScenario : "-",
                    NAME,
                    "projection row (" + row.status() + ", owner " + row.owner() + ") for a generation nobody was"
                            + " told was accepted; lifecycle: " + types);
        }
        for (UUID id : seen.lifecycle().keySet()) {
            if (!seen.expected().containsKey(id) && !seen.projection().containsKey(id)) {
                String poisonScenario = poisonKeys.get(id.toString());
                List<String> types = seen.eventsOf(id).stream()
                        .map(PipelineEvent::type)
                        .filter(t -> poisonScenario == null || !t.equals("DeadLettered"))
                        .toList();
                if (!types.isEmpty()) {
                    report.violation(
                            id,
                            poisonScenario != null ? poisonScenario : "-",
                            NAME,
                            "lifecycle events " + types + " for a generation nobody was told was accepted");
                }
            }
        }
        for (UUID id : seen.completedDownloads().keySet()) {
            if (!seen.expected().containsKey(id)) {
                report.violation(id, "-", NAME, "a completed download nobody was told was accepted");
            }
        }
        seen.files().forEach((id, files) -> {
            if (!seen.expected().containsKey(id)) {
                report.violation(id, "-", NAME, "stored images " + files + " nobody was promised");
            }
        });
    }
}
