package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.DeadLetterReplayed;
import io.picturepipeline.schemas.DeadLetterResolved;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.RetryScheduled;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How one lifecycle event changes one generation row. Every rule is a maximum, a minimum or a first-terminal-wins,
 * so a stream of events gives the same row in any order as long as its first terminal fact stays first among the
 * terminal facts (Kafka keeps the order of one key), and applying an event twice changes nothing the first time
 * did not. {@code attempts} is not a rule: it is counted from the processed-events log when the row is written.
 *
 * <ul>
 *   <li>The status only moves forward through {@link GenerationStatus}: an event whose status lies behind the
 *       current one is stale and leaves the status alone, but still fills in its own facts (a late
 *       {@code GenerationRequested} still sets owner, model, parameters and requested_at).
 *   <li>A terminal status never changes: a terminal fact meeting a terminal row is refused and changes nothing.
 *   <li>started_at is the earliest start; attempt_started_at and prediction_id follow the latest start until the
 *       provider's output names the prediction that produced it; completed/failed/cancelled are set by the terminal
 *       fact; progress only increases; retry_due_at is the latest due time of a scheduled retry; last_event_at is
 *       the latest event time applied.
 *   <li>Dead letters and what ops did with them change no status; they only count as activity (last_event_at).
 * </ul>
 */
final class GenerationRules {

    /** The row after an event, or the row unchanged with the reason the event was refused. */
    record Applied(GenerationRow row, @Nullable String refusal) {

        boolean refused() {
            return refusal != null;
        }
    }

    private enum Move {
        FORWARD,
        STAY,
        STALE,
        REFUSED
    }

    private static final Map<GenerationStatus, Set<GenerationStatus>> REACHABLE = reachable();

    Applied apply(@Nullable GenerationRow current, PipelineEvent event, Instant now) {
        GenerationRow row = current != null ? current : GenerationRow.unknown(event.generationId());
        if (!row.id().equals(event.generationId())) {
            throw new IllegalArgumentException(
                    "event " + event.eventId() + " of generation " + event.generationId() + " applied to " + row.id());
        }
        GenerationStatus target = event.resultingStatus();
        Move move = move(row.status(), target);
        if (move == Move.REFUSED) {
            return new Applied(
                    row,
                    "generation is already " + row.status().wireName() + "; " + event.type() + " would make it "
                            + target.wireName());
        }
        Instant at = micros(event.occurredAt());
        GenerationRow.Builder next = row.edit();
        if (move == Move.FORWARD) {
            next.status = target;
        }
        if (event instanceof GenerationRequested requested) {
            requested(next, requested, at);
        } else if (event instanceof GenerationStarted started) {
            started(next, started, at);
        } else if (event instanceof GenerationProgressed progressed) {
            next.progress = Math.max(next.progress, progressed.percent());
        } else if (event instanceof ImagesGenerated generated) {
            generated(next, generated, at);
        } else if (event instanceof GenerationCompleted completed) {
            next.images = completed.images();
            next.completedAt = at;
            next.progress = 100;
        } else if (event instanceof GenerationFailed failed) {
            next.errorStage = failed.stage();
            next.errorClass = failed.errorClass();
            next.errorMessage = failed.message();
            next.failedAt = at;
        } else if (event instanceof GenerationCancelled cancelled) {
            next.cancelReason = cancelled.reason();
            next.cancelledAt = at;
        } else if (event instanceof RetryScheduled retry) {
            next.retryDueAt = latest(next.retryDueAt, micros(at.plus(retry.delay())));
        } else if (!(event instanceof DeadLettered
                || event instanceof DeadLetterReplayed
                || event instanceof DeadLetterResolved)) {
            throw new IllegalArgumentException("no rule for " + event.type());
        }
        next.lastEventAt = latest(next.lastEventAt, at);
        next.updatedAt = now;
        return new Applied(next.build(), null);
    }

    private static void requested(GenerationRow.Builder next, GenerationRequested requested, Instant at) {
        if (next.requestedAt == null || at.isBefore(next.requestedAt)) {
            next.owner = requested.owner();
            next.model = requested.parameters().model();
            next.prompt = requested.parameters().prompt();
            next.parameters = requested.parameters();
            next.batchId = requested.batchId();
            next.parentId = requested.parentId();
            next.requestedAt = at;
        }
    }

    private static void started(GenerationRow.Builder next, GenerationStarted started, Instant at) {
        next.startedAt = earliest(next.startedAt, at);
        boolean outputKnown = next.generatedAt != null;
        if (next.attemptStartedAt == null || at.isAfter(next.attemptStartedAt)) {
            next.attemptStartedAt = at;
            if (!outputKnown) {
                next.predictionId = started.predictionId();
            }
        } else if (at.equals(next.attemptStartedAt)
                && !outputKnown
                && (next.predictionId == null || started.predictionId().compareTo(next.predictionId) > 0)) {
            next.predictionId = started.predictionId();
        }
    }

    private static void generated(GenerationRow.Builder next, ImagesGenerated generated, Instant at) {
        if (next.generatedAt == null || at.isBefore(next.generatedAt)) {
            next.generatedAt = at;
            next.predictionId = generated.predictionId();
        }
        next.progress = 100;
    }

    private static Move move(GenerationStatus from, @Nullable GenerationStatus to) {
        if (to == null || (to == from && !to.isTerminal())) {
            return Move.STAY;
        }
        if (REACHABLE.get(from).contains(to)) {
            return Move.FORWARD;
        }
        if (REACHABLE.get(to).contains(from)) {
            return Move.STALE;
        }
        return Move.REFUSED;
    }

    /** The statuses each status can reach in one or more legal moves ({@link GenerationStatus#canMoveTo}). */
    private static Map<GenerationStatus, Set<GenerationStatus>> reachable() {
        Map<GenerationStatus, Set<GenerationStatus>> reachable = new EnumMap<>(GenerationStatus.class);
        for (GenerationStatus from : GenerationStatus.values()) {
            Set<GenerationStatus> seen = EnumSet.noneOf(GenerationStatus.class);
            Deque<GenerationStatus> todo = new ArrayDeque<>(Set.of(from));
            while (!todo.isEmpty()) {
                GenerationStatus status = todo.pop();
                for (GenerationStatus next : GenerationStatus.values()) {
                    if (status.canMoveTo(next) && seen.add(next)) {
                        todo.push(next);
                    }
                }
            }
            reachable.put(from, seen);
        }
        return reachable;
    }

    /** PostgreSQL keeps microseconds; comparing at the stored precision keeps replays and first runs equal. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant earliest(@Nullable Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    private static Instant latest(@Nullable Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
