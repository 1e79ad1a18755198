package io.picturepipeline.schemas;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a generation: queued → [scheduled →] processing → downloading → completed | failed | cancelled.
 * {@link #ALLOWED} is the one table of legal moves; everything else is refused. {@code scheduled} (accepted, held
 * until its {@code notBefore}) follows {@code queued} rather than preceding it so that a read model that starts every
 * unknown generation as {@code queued} moves forward to it, whatever order the events come in.
 */
public enum GenerationStatus {
    QUEUED,
    SCHEDULED,
    PROCESSING,
    DOWNLOADING,
    COMPLETED,
    FAILED,
    CANCELLED;

    private static final Map<GenerationStatus, Set<GenerationStatus>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(SCHEDULED, PROCESSING, FAILED, CANCELLED),
            SCHEDULED, EnumSet.of(PROCESSING, FAILED, CANCELLED),
            PROCESSING, EnumSet.of(DOWNLOADING, FAILED, CANCELLED),
            DOWNLOADING, EnumSet.of(COMPLETED, FAILED, CANCELLED),
            COMPLETED, EnumSet.noneOf(GenerationStatus.class),
            FAILED, EnumSet.noneOf(GenerationStatus.class),
            CANCELLED, EnumSet.noneOf(GenerationStatus.class));

    public boolean isTerminal() {
        return ALLOWED.get(this).isEmpty();
    }

    public boolean canMoveTo(GenerationStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The status after {@code next}; staying put is allowed (a redelivery), anything not in the table throws. */
    public GenerationStatus moveTo(GenerationStatus next) {
        if (next == this || canMoveTo(next)) {
            return next;
        }
        throw new IllegalTransitionException(this, next);
    }

    /** Whether {@code other} lies strictly after this status on the way to a terminal state. */
    public boolean isBefore(GenerationStatus other) {
        return other != this && (canMoveTo(other) || ALLOWED.get(this).stream().anyMatch(s -> s.canMoveTo(other)));
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
