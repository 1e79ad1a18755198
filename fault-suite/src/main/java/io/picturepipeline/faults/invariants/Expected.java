package io.picturepipeline.faults.invariants;

import io.picturepipeline.schemas.GenerationStatus;
import java.util.Set;
import java.util.UUID;

/** A generation the pipeline owes a terminal state, with where the promise came from ({@code source}). */
record Expected(
        UUID id, String scenario, String source, Set<GenerationStatus> terminal, boolean parkedAllowed, int outputs) {}
