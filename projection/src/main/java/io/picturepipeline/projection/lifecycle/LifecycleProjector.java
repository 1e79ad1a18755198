package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.DeadLetterReplayed;
import io.picturepipeline.schemas.DeadLetterResolved;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.PipelineEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of lifecycle events in one transaction: record each in the processed-events log, apply the ones
 * the log had not seen through {@link GenerationRules}, write the rows they changed, the dead letters they announce
 * and what ops did with them, and the summaries ({@link GenerationHourly}, {@link LifecycleOffsets}). A redelivered
 * batch finds its events in the log and changes nothing. The rebuild applies the topic through this same class.
 */
@Component
class LifecycleProjector {

    private static final Logger log = LoggerFactory.getLogger(LifecycleProjector.class);

    private final GenerationRules rules = new GenerationRules();
    private final EventLog eventLog;
    private final GenerationStore generations;
    private final DeadLetterStore deadLetters;
    private final GenerationHourly hourly;
    private final LifecycleOffsets offsets;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ProjectionMetrics metrics;

    LifecycleProjector(
            EventLog eventLog,
            GenerationStore generations,
            DeadLetterStore deadLetters,
            GenerationHourly hourly,
            LifecycleOffsets offsets,
            PlatformTransactionManager transactionManager,
            Clock clock,
            ProjectionMetrics metrics) {
        this.eventLog = eventLog;
        this.generations = generations;
        this.deadLetters = deadLetters;
        this.hourly = hourly;
        this.offsets = offsets;
        this.transaction = new TransactionTemplate(transactionManager);
        // its own transaction; a savepoint inside the rebuild's swap transaction, so a refused record rolls back alone
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.metrics = metrics;
    }

    void project(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Outcome outcome = metrics.timeBatch(() -> transaction.execute(status -> applyAll(events)));
        metrics.committed(outcome, clock.instant());
    }

    private Outcome applyAll(List<RecordedEvent> events) {
        Instant now = clock.instant();
        List<RecordedEvent> fresh = eventLog.record(events, now);
        warnOnConflictingRepeats(events, fresh);
        Map<UUID, GenerationRow> locked = generations.lock(
                fresh.stream().map(e -> e.event().generationId()).collect(Collectors.toSet()));
        Map<UUID, GenerationRow> rows = new HashMap<>(locked);
        Map<UUID, GenerationRow> changed = new LinkedHashMap<>();
        Map<UUID, String> refusals = new LinkedHashMap<>();
        List<DeadLettered> announced = new ArrayList<>();
        List<PipelineEvent> actions = new ArrayList<>();
        List<GenerationStatus> finished = new ArrayList<>();
        Instant oldestApplied = null;
        for (RecordedEvent recorded : fresh) {
            PipelineEvent event = recorded.event();
            GenerationRow before = rows.get(event.generationId());
            GenerationRules.Applied result = rules.apply(before, event, now);
            if (result.refused()) {
                log.warn("refused {}: {}", recorded, result.refusal());
                refusals.put(event.eventId(), result.refusal());
            } else {
                GenerationRow after = result.row();
                rows.put(event.generationId(), after);
                changed.put(event.generationId(), after);
                if (after.status().isTerminal()
                        && (before == null || !before.status().isTerminal())) {
                    finished.add(after.status());
                }
                if (oldestApplied == null || event.occurredAt().isBefore(oldestApplied)) {
                    oldestApplied = event.occurredAt();
                }
            }
            if (event instanceof DeadLettered deadLettered) {
                announced.add(deadLettered);
            } else if (event instanceof DeadLetterReplayed || event instanceof DeadLetterResolved) {
                actions.add(event);
            }
        }
        generations.save(changed.values());
        eventLog.refuse(refusals);
        deadLetters.record(announced, actions, now);
        hourly.record(changed.values().stream()
                .map(after -> new GenerationHourly.Change(locked.get(after.id()), after))
                .toList());
        offsets.record(events, now);
        return new Outcome(
                fresh.size() - refusals.size(), events.size() - fresh.size(), refusals.size(), finished, oldestApplied);
    }

    /**
     * Terminal facts of one generation share one event id, so a second, different terminal fact (completed after
     * cancelled) arrives as a "duplicate". It is not applied either way, but it deserves a warning.
     */
    private void warnOnConflictingRepeats(List<RecordedEvent> events, List<RecordedEvent> fresh) {
        Set<RecordedEvent> freshSet = Collections.newSetFromMap(new IdentityHashMap<>());
        freshSet.addAll(fresh);
        Map<UUID, RecordedEvent> terminalRepeats = new HashMap<>();
        for (RecordedEvent recorded : events) {
            PipelineEvent event = recorded.event();
            if (!freshSet.contains(recorded)
                    && event.resultingStatus() != null
                    && event.resultingStatus().isTerminal()) {
                terminalRepeats.put(event.eventId(), recorded);
            }
        }
        eventLog.typesOf(terminalRepeats.keySet()).forEach((eventId, recordedType) -> {
            RecordedEvent repeat = terminalRepeats.get(eventId);
            if (!recordedType.equals(repeat.event().type())) {
                log.warn(
                        "refused {}: generation {} already has the terminal fact {} under this event id",
                        repeat,
                        repeat.event().generationId(),
                        recordedType);
            }
        });
    }

    /**
     * What a committed batch did: events applied, seen before and refused; the terminal statuses reached (one per
     * generation that finished in this batch); the earliest event time applied, for the lag.
     */
    record Outcome(
            int applied,
            int duplicates,
            int refused,
            List<GenerationStatus> finished,
            @Nullable Instant oldestApplied) {}
}
