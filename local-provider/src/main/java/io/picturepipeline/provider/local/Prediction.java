package io.picturepipeline.provider.local;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * One prediction. Its state is not stored but derived from the clock, the planned {@link Timeline} and the
 * {@code Cancel-After} deadline, so in-flight predictions cost no thread; only a cancel is recorded.
 */
final class Prediction {

    /** Creation order, for the newest-first list and its cursors. */
    final long sequence;

    final String id;
    final ModelRef model;
    final ObjectNode input;
    final ImageSpec image;
    final String baseUrl;
    final Timeline timeline;
    /** The error the prediction ends with, or {@code null} when it succeeds. */
    final String plannedError;
    /** {@code null} when no webhook was requested. */
    final WebhookTarget webhook;
    /** When {@code Cancel-After} cancels it, or {@code null} without a deadline. */
    final Instant deadline;
    /** How long inputs, outputs and files are kept after the prediction ended. */
    final Duration retention;

    private final AtomicReference<Instant> canceledAt = new AtomicReference<>();
    private final AtomicBoolean completionNotified = new AtomicBoolean();

    Prediction(
            long sequence,
            String id,
            ModelRef model,
            ObjectNode input,
            ImageSpec image,
            String baseUrl,
            Timeline timeline,
            String plannedError,
            WebhookTarget webhook,
            Instant deadline,
            Duration retention) {
        this.sequence = sequence;
        this.id = id;
        this.model = model;
        this.input = input;
        this.image = image;
        this.baseUrl = baseUrl;
        this.timeline = timeline;
        this.plannedError = plannedError;
        this.webhook = webhook;
        this.deadline = deadline;
        this.retention = retention;
    }

    Status statusAt(Instant now) {
        if (canceledAt.get() != null) {
            return Status.CANCELED;
        }
        if (deadlineCuts() && !now.isBefore(deadline)) {
            return deadline.isAfter(timeline.startedAt()) ? Status.CANCELED : Status.ABORTED;
        }
        if (now.isBefore(timeline.startedAt())) {
            return Status.STARTING;
        }
        if (now.isBefore(timeline.completedAt())) {
            return Status.PROCESSING;
        }
        return plannedError == null ? Status.SUCCEEDED : Status.FAILED;
    }

    /** Cancels unless already terminal at {@code now}; returns whether this call canceled it. */
    boolean cancel(Instant now) {
        return !statusAt(now).terminal() && canceledAt.compareAndSet(null, now);
    }

    /** When the prediction ended (or will end): the cancel time, the deadline, or the planned completion. */
    Instant endsAt() {
        Instant canceled = canceledAt.get();
        if (canceled != null && (!deadlineCuts() || canceled.isBefore(deadline))) {
            return canceled;
        }
        return deadlineCuts() ? deadline : timeline.completedAt();
    }

    /** Replicate deletes a prediction's inputs, outputs and files a while (an hour) after it ended. */
    boolean dataRemovedAt(Instant now) {
        return statusAt(now).terminal() && !now.isBefore(endsAt().plus(retention));
    }

    /** Claims the one "completed" webhook; true only for the first caller. */
    boolean claimCompletionNotification() {
        return completionNotified.compareAndSet(false, true);
    }

    String fileUrl(int index) {
        return baseUrl + "/files/" + id + "/" + index + "." + image.extension();
    }

    private boolean deadlineCuts() {
        return deadline != null && deadline.isBefore(timeline.completedAt());
    }
}
