package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;

/**
 * What ops' actions on a dead letter ({@link DeadLetterReplayed}, {@link DeadLetterResolved}) require alike: the
 * event's own fields, the dead letter they name, and who did it and why, bounded as every event's texts are.
 */
final class DeadLetterActions {

    static final int MAX_BY_LENGTH = 200;

    private DeadLetterActions() {}

    static void require(UUID eventId, UUID generationId, Instant occurredAt, Stage stage, String deadLetterRef) {
        Require.present(eventId, "eventId");
        Require.present(generationId, "generationId");
        Require.present(occurredAt, "occurredAt");
        Require.present(stage, "stage");
        Require.text(deadLetterRef, "deadLetterRef");
    }

    static String by(String by) {
        return Text.truncate(Require.text(by, "by"), MAX_BY_LENGTH);
    }

    static String reason(String reason) {
        return Text.truncate(Require.text(reason, "reason"), GenerationFailed.MAX_MESSAGE_LENGTH);
    }
}
