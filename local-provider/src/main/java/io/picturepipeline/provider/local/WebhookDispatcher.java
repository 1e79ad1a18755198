package io.picturepipeline.provider.local;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides when a prediction's webhooks are due ({@code start}, {@code logs}, {@code completed}/{@code output}) with
 * one delayed task per event on the shared {@link Scheduler}: no thread per prediction.
 */
final class WebhookDispatcher {

    private static final Duration MIN_RECHECK = Duration.ofMillis(10);
    private static final int MAX_LOG_EVENTS = 10;
    private static final Duration MIN_LOG_SPACING = Duration.ofMillis(500);

    private final Scheduler scheduler;
    private final WebhookSender sender;

    WebhookDispatcher(Scheduler scheduler, WebhookSender sender) {
        this.scheduler = scheduler;
        this.sender = sender;
    }

    void register(Prediction prediction) {
        WebhookTarget target = prediction.webhook;
        if (target == null) {
            return;
        }
        Timeline timeline = prediction.timeline;
        if (target.wants("start")) {
            scheduler.at(timeline.startedAt(), () -> sendIfRunning(prediction, "start", timeline.startedAt()));
        }
        if (target.wants("logs")) {
            // one per finished step, but like Replicate at most one every 500 ms
            long bySpacing = timeline.processing().toMillis() / MIN_LOG_SPACING.toMillis();
            int events = (int) Math.min(Math.min(prediction.image.steps(), MAX_LOG_EVENTS), bySpacing);
            for (int i = 1; i < events; i++) {
                Instant at = timeline.startedAt()
                        .plus(timeline.processing().multipliedBy(i).dividedBy(events));
                String event = "logs-" + i;
                scheduler.at(at, () -> sendIfRunning(prediction, event, at));
            }
        }
        scheduler.at(prediction.endsAt(), () -> completionDue(prediction));
    }

    /** A cancel ends the prediction early: send its {@code completed} webhook now. */
    void canceled(Prediction prediction) {
        if (prediction.webhook != null) {
            scheduler.after(Duration.ZERO, () -> completionDue(prediction));
        }
    }

    private void completionDue(Prediction prediction) {
        Instant now = scheduler.now();
        Status status = prediction.statusAt(now);
        if (!status.terminal()) {
            Duration remaining = Duration.between(now, prediction.endsAt());
            scheduler.after(
                    remaining.compareTo(MIN_RECHECK) > 0 ? remaining : MIN_RECHECK, () -> completionDue(prediction));
            return;
        }
        WebhookTarget target = prediction.webhook;
        boolean wanted = target.wants("completed") || (target.wants("output") && status == Status.SUCCEEDED);
        if (wanted && prediction.claimCompletionNotification()) {
            send(prediction, "completed", now);
        }
    }

    /** Sends an in-flight event as of its due time (timer and clock may disagree by a millisecond). */
    private void sendIfRunning(Prediction prediction, String event, Instant due) {
        Instant now = scheduler.now();
        Instant at = now.isBefore(due) ? due : now;
        if (!prediction.statusAt(at).terminal()) {
            send(prediction, event, at);
        }
    }

    private void send(Prediction prediction, String event, Instant at) {
        byte[] body = Json.bytes(PredictionJson.render(prediction, at));
        sender.send(prediction.webhook.url(), "msg_" + prediction.id + "_" + event, body);
    }
}
