package io.picturepipeline.schemas;

/** A move the {@link GenerationStatus} table does not allow. Never retried: it would fail the same way. */
public final class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(GenerationStatus from, GenerationStatus to) {
        super("illegal generation status transition " + from + " -> " + to);
    }
}
