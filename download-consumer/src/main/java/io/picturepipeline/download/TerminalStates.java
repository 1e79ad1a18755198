package io.picturepipeline.download;

import io.picturepipeline.schemas.GenerationStatus;
import java.util.Optional;
import java.util.UUID;

/**
 * What this stage knows about generations that can no longer move, so their download records are skipped. Today
 * that is the generations it completed itself; a generation cancelled while its download waits (the stage learning
 * of cancellations from the lifecycle topic) is another implementation of the same question.
 */
interface TerminalStates {

    /** The terminal status of the generation, if this stage knows it to be terminal. */
    Optional<GenerationStatus> terminalStatus(UUID generationId);
}
