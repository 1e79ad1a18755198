package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Each expected generation's lifecycle events, each event id once, replayed in topic order through
 * {@link GenerationStatus#moveTo}: what the state machine refuses is a violation — also an event whose status lies
 * behind the current one (stale: a late {@code GenerationRequested} from the outbox's second row), which the projection
 * tolerates but a reader of the topic in order (a live stream) sees as a step back — and so is any new status after
 * the terminal one.
 */
final class LegalTransitions implements Invariant {

    /** One refused step; {@code stale} when it went backwards. */
    record Step(boolean stale, String detail) {}

    @Override
    public void check(Observed seen, Report report) {
        for (Expected e : seen.expected().values()) {
            if (seen.projection().containsKey(e.id())) {
                for (Step step : replay(seen.eventsOf(e.id()))) {
                    report.violation(e.id(), e.scenario(), "no illegal transition", step.detail());
                }
            }
        }
    }

    static List<Step> replay(List<PipelineEvent> events) {
        List<Step> refused = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        GenerationStatus status = null;
        PipelineEvent terminal = null;
        for (PipelineEvent event : events) {
            if (!seen.add(event.eventId())) {
                continue;
            }
            GenerationStatus next = event.resultingStatus();
            if (next == null) {
                continue;
            }
            if (terminal != null) {
                refused.add(new Step(
                        false, event.type() + " " + event.eventId() + " after the terminal " + terminal.type()));
                continue;
            }
            // a generation starts queued, whether or not its GenerationRequested comes first
            GenerationStatus from = status == null ? GenerationStatus.QUEUED : status;
            try {
                status = from.moveTo(next);
            } catch (RuntimeException illegal) {
                if (next.isBefore(from)) {
                    // the projection tolerates it (the row stays right), but whoever reads the topic in order sees
                    // the generation go backwards: a fact was published to its stage topic before the lifecycle
                    refused.add(new Step(
                            true,
                            "stale " + event.type() + " " + event.eventId() + " while " + from.wireName()
                                    + " (out of order on " + Topics.LIFECYCLE + ": " + sequence(events) + ")"));
                } else {
                    refused.add(new Step(
                            false,
                            from.wireName() + " → " + next.wireName() + " by " + event.type() + " " + event.eventId()
                                    + " (" + Topics.LIFECYCLE + ": " + sequence(events) + ")"));
                }
            }
            if (status != null && status.isTerminal()) {
                terminal = event;
            }
        }
        return refused;
    }

    /** The event types of a generation in topic order, progress left out. */
    private static List<String> sequence(List<PipelineEvent> events) {
        return events.stream()
                .map(PipelineEvent::type)
                .filter(type -> !type.equals("GenerationProgressed"))
                .toList();
    }
}
