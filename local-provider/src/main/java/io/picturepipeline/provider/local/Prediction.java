package io.picturepipeline.provider.local;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * One prediction. Its state is not stored but derived from the clock and the planned {@link Timeline}, so in-flight
 * predictions cost no thread; only a cancel is recorded.
 */
final class Prediction {

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

    private final AtomicReference<Instant> canceledAt = new AtomicReference<>();
    private final AtomicBoolean completionNotified = new AtomicBoolean();

    Prediction(
            String id,
            ModelRef model,
            ObjectNode input,
            ImageSpec image,
            String baseUrl,
            Timeline timeline,
            String plannedError,
            WebhookTarget webhook) {
        this.id = id;
        this.model = model;
        this.input = input;
        this.image = image;
        this.baseUrl = baseUrl;
        this.timeline = timeline;
        this.plannedError = plannedError;
        this.webhook = webhook;
    }

    Status statusAt(Instant now) {
        if (canceledAt.get() != null) {
            return Status.CANCELED;
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

    /** When the prediction ended (or will end): the cancel time or the planned completion. */
    Instant endsAt() {
        Instant canceled = canceledAt.get();
        return canceled != null ? canceled : timeline.completedAt();
    }

    /** Claims the one "completed" webhook; true only for the first caller. */
    boolean claimCompletionNotification() {
        return completionNotified.compareAndSet(false, true);
    }

    String fileUrl(int index) {
        return baseUrl + "/files/" + id + "/" + index + "." + image.extension();
    }
}
