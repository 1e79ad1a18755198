package io.picturepipeline.provider.local;

import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a prediction as Replicate's prediction JSON, as of a given instant. */
final class PredictionJson {

    private PredictionJson() {}

    static ObjectNode render(Prediction prediction, Instant now) {
        Status status = prediction.statusAt(now);
        boolean removed = prediction.dataRemovedAt(now);
        Timeline timeline = prediction.timeline;
        ObjectNode json = Json.object();
        json.put("id", prediction.id);
        json.put("model", prediction.model.model());
        json.put("version", prediction.model.version());
        if (removed) {
            json.putObject("input");
        } else {
            json.set("input", prediction.input);
        }
        json.put("logs", ProgressLogs.at(prediction, now));
        if (status == Status.SUCCEEDED && !removed && prediction.model.isUpscaler()) {
            // Real-ESRGAN's output is one URL, not a list
            json.put("output", prediction.fileUrl(0));
        } else if (status == Status.SUCCEEDED && !removed) {
            ArrayNode output = json.putArray("output");
            for (int i = 0; i < prediction.image.numOutputs(); i++) {
                output.add(prediction.fileUrl(i));
            }
        } else {
            json.putNull("output");
        }
        if (status == Status.FAILED) {
            json.put("error", prediction.plannedError);
        } else {
            json.putNull("error");
        }
        json.put("status", status.json());
        json.put("source", "api");
        json.put("data_removed", removed);
        json.put("created_at", timeline.createdAt().toString());
        boolean started = !prediction.endsAt().isBefore(timeline.startedAt()) && !now.isBefore(timeline.startedAt());
        putInstant(json, "started_at", started ? timeline.startedAt() : null);
        putInstant(json, "completed_at", status.terminal() ? prediction.endsAt() : null);
        if (prediction.deadline != null) {
            json.put("deadline", prediction.deadline.toString());
        }
        ObjectNode urls = json.putObject("urls");
        urls.put("get", prediction.baseUrl + "/v1/predictions/" + prediction.id);
        urls.put("cancel", prediction.baseUrl + "/v1/predictions/" + prediction.id + "/cancel");
        urls.put("web", prediction.baseUrl + "/p/" + prediction.id);
        ObjectNode metrics = json.putObject("metrics");
        if (status == Status.SUCCEEDED) {
            metrics.put("predict_time", seconds(timeline.processing()));
            metrics.put("total_time", seconds(Duration.between(timeline.createdAt(), timeline.completedAt())));
        }
        WebhookTarget webhook = prediction.webhook;
        if (webhook != null) {
            json.put("webhook", webhook.url().toString());
            ArrayNode events = json.putArray("webhook_events_filter");
            webhook.orderedEvents().forEach(events::add);
        }
        return json;
    }

    /** The answer to a create call: always {@code starting}, like Replicate without {@code Prefer: wait}. */
    static ObjectNode renderCreated(Prediction prediction) {
        return render(prediction, prediction.timeline.createdAt().minusNanos(1));
    }

    private static void putInstant(ObjectNode json, String name, Instant value) {
        if (value == null) {
            json.putNull(name);
        } else {
            json.put(name, value.toString());
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1_000_000_000.0;
    }
}
