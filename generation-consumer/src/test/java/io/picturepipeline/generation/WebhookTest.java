package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookTest extends StageIntegrationTest {

    @Test
    void providersCompletionWebhookFinishesThePredictionBeforeItsNextRegularPoll() {
        GenerationRequested requested = request("a lighthouse, announced by webhook [latency:PT3S]");
        UUID id = requested.generationId();
        publish(requested);
        runningPrediction(id);

        postponeRegularPolls(id);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        // the row is marked done right after the follow-up is published
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "done"::equals);
    }

    @Test
    void webhookOnlyTriggersAPollItNeverDecidesTheResult() throws Exception {
        GenerationRequested requested = request("a lighthouse, forged webhook [latency:PT2M]");
        UUID id = requested.generationId();
        publish(requested);
        String predictionId = runningPrediction(id);
        postponeRegularPolls(id);
        int pollsBefore = polls(id);

        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/webhooks/replicate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"id": "%s", "status": "succeeded", "output": ["http://attacker.example/x.png"]}
                                """.formatted(predictionId)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> polls(id) > pollsBefore);
        assertThat(status(id)).isEqualTo("running");
        assertThat(topics().records(Topics.DOWNLOAD, id)).isEmpty();
    }

    @Test
    void webhookWithoutAPredictionIdIsABadRequest() throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/webhooks/replicate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"status\": \"succeeded\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
    }
}
