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

/**
 * A prediction the provider ends as {@code canceled} without its owner having cancelled it — its {@code Cancel-After}
 * deadline ran out, or someone cancelled it at the provider — fails its generation with a reason; it never waits for
 * ever. (The local provider's own {@code Cancel-After} is another module's: here the provider-side cancel is made
 * directly, which is what a deadline does.)
 */
class DeadlineTest extends StageIntegrationTest {

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
        assertThat(status(id)).isEqualTo("failed");
        assertThat(topics().records(Topics.DOWNLOAD, id)).isEmpty();
    }
}
