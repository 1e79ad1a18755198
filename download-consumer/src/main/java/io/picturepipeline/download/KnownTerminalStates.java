package io.picturepipeline.download;

import io.picturepipeline.schemas.GenerationStatus;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Everything this stage knows to be terminal: generations cancelled by their owner (learnt from the lifecycle topic),
 * then the downloads it completed itself. A cancelled generation is never downloaded, stored or completed.
 */
@Primary
@Component
class KnownTerminalStates implements TerminalStates {

    private final CancelledGenerations cancelled;
    private final CompletedDownloads completed;

    KnownTerminalStates(CancelledGenerations cancelled, CompletedDownloads completed) {
        this.cancelled = cancelled;
        this.completed = completed;
    }

    @Override
    public Optional<GenerationStatus> terminalStatus(UUID generationId) {
        if (cancelled.isCancelled(generationId)) {
            return Optional.of(GenerationStatus.CANCELLED);
        }
        return completed.terminalStatus(generationId);
    }
}
