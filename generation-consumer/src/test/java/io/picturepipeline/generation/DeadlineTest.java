package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A prediction the provider ends as {@code canceled} without its owner having cancelled it — its {@code Cancel-After}
 * deadline ran out, or someone cancelled it at the provider — fails its generation with a reason; it never waits for
 * ever.
 */
class DeadlineTest extends StageIntegrationTest {

    @Autowired
    private GenerationSettings settings;

    @Test
    void predictionPastItsCancelAfterDeadlineEndsCanceledAtTheProviderAndFailsItsGeneration() throws Exception {
        GenerationRequested requested = request("a lighthouse outliving its deadline [latency:PT2H]");
        UUID id = requested.generationId();
        publish(requested);
        String predictionId = runningPrediction(id);
        Duration cancelAfter = settings.replicate().cancelAfter();
        assertThat(providerPrediction(predictionId).path("deadline").asString())
                .as("the deadline the create's Cancel-After set at the provider")
                .isNotBlank();

        PROVIDER_CLOCK.advance(cancelAfter.plusSeconds(1));
        // the provider's timers run on real time, so its webhook for the deadline comes in half an hour: the next poll
        // (10 s away) brings the news, called now
        jdbc.sql("UPDATE generation.prediction SET next_poll_at = now() WHERE generation_id = :id")
                .param("id", id)
                .update();

        GenerationFailed failed = await().atMost(Duration.ofSeconds(60))
                .until(() -> topics().events(Topics.LIFECYCLE, id, GenerationFailed.class), e -> e.size() == 1)
                .get(0);
        assertThat(failed.errorClass()).isEqualTo("ProviderCanceled");
        assertThat(failed.message()).contains("deadline");
        // the row changes after its event is published: awaited, not read once
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id), "failed"::equals);
        assertThat(providerPrediction(predictionId).path("status").asString()).isEqualTo("canceled");
        assertThat(topics().records(Topics.DOWNLOAD, id)).isEmpty();
    }

    @Test
    void predictionCancelledByTheProviderFailsTheGenerationWithProviderCanceled() throws Exception {
        GenerationRequested requested = request("a lighthouse past its deadline [latency:PT10M]");
        UUID id = requested.generationId();
        publish(requested);
        String predictionId = runningPrediction(id);

        HttpResponse<String> cancel = HTTP.send(
                HttpRequest.newBuilder(URI.create(PROVIDER.baseUrl() + "/v1/predictions/" + predictionId + "/cancel"))
                        .header("Authorization", "Bearer " + PROVIDER_TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).isEqualTo(200);

        GenerationFailed failed = await().atMost(Duration.ofSeconds(60))
                .until(() -> topics().events(Topics.LIFECYCLE, id, GenerationFailed.class), e -> e.size() == 1)
                .get(0);
        assertThat(failed.errorClass()).isEqualTo("ProviderCanceled");
        assertThat(failed.message()).contains("deadline");
        // the row changes after its event is published: awaited, not read once
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id), "failed"::equals);
        assertThat(topics().records(Topics.DOWNLOAD, id)).isEmpty();
    }

    private static JsonNode providerPrediction(String predictionId) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(PROVIDER.baseUrl() + "/v1/predictions/" + predictionId))
                        .header("Authorization", "Bearer " + PROVIDER_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
