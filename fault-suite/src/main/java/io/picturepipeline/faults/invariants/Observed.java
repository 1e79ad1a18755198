package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Ledger;
import io.picturepipeline.faults.Ledger.ExpectedDeadLetter;
import io.picturepipeline.faults.Ledger.Submission;
import io.picturepipeline.schemas.PipelineEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the stack holds once the scenarios are done, read once ({@link Observation}) and checked by every
 * {@link Invariant}; {@code expected} also holds the in-doubt requests that were found stored.
 */
record Observed(
        Ledger ledger,
        Map<UUID, Expected> expected,
        List<RequestRow> requests,
        Map<UUID, List<PipelineEvent>> lifecycle,
        List<Misplaced> misplaced,
        long lifecycleRecords,
        int undecodable,
        Map<UUID, ProjectionRow> projection,
        Map<UUID, List<String>> terminalRowsLogged,
        List<Refused> refused,
        List<DeadLetter> deadLetters,
        List<Match> matches,
        List<DeadLetter> unmatched,
        Map<UUID, Integer> completedDownloads,
        Map<UUID, List<ImageStore.StoredObject>> files,
        long outbox,
        List<String> outboxSample) {

    static final Set<String> TERMINAL_TYPES = Set.of("GenerationCompleted", "GenerationFailed", "GenerationCancelled");

    /** A row of {@code ingest.generation_request} and the submission its prompt's nonce names, if any. */
    record RequestRow(
            UUID id, @Nullable String prompt, @Nullable Submission submission) {}

    /** A lifecycle record keyed by another generation than the one its event names. */
    record Misplaced(PipelineEvent event, int partition, long offset, String key) {}

    /** An event the projection logged as refused in {@code projection.generation_event}. */
    record Refused(UUID generationId, String type, String eventId, String reason) {}

    /** The dead letters found for one the scenarios expect (in ledger order; taken by the first that matches). */
    record Match(ExpectedDeadLetter want, List<DeadLetter> found) {}

    /** How an expected generation ended, as the checks see it. */
    enum Fate {
        /** No projection row. */
        MISSING,
        TERMINAL,
        /** Not terminal, dead-lettered (none terminal) where the scenario allows parking. */
        PARKED,
        /** Not terminal and not parked: still open. */
        OPEN
    }

    String scenarioOf(@Nullable UUID id) {
        Expected e = id == null ? null : expected.get(id);
        return e == null ? "-" : e.scenario();
    }

    List<PipelineEvent> eventsOf(UUID id) {
        return lifecycle.getOrDefault(id, List.of());
    }

    /** The dead letters of an expected generation that no expected dead letter accounts for. */
    List<DeadLetter> otherDeadLettersOf(UUID id) {
        return unmatched.stream().filter(d -> id.equals(parseUuid(d.key()))).toList();
    }

    Fate fate(Expected e) {
        ProjectionRow row = projection.get(e.id());
        if (row == null) {
            return Fate.MISSING;
        }
        if (row.generationStatus().isTerminal()) {
            return Fate.TERMINAL;
        }
        List<DeadLetter> dead = otherDeadLettersOf(e.id());
        return e.parkedAllowed() && !dead.isEmpty() && dead.stream().noneMatch(DeadLetter::terminal)
                ? Fate.PARKED
                : Fate.OPEN;
    }

    static @Nullable UUID parseUuid(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notOne) {
            return null;
        }
    }
}
