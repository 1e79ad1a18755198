package io.picturepipeline.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ReadModel;
import io.picturepipeline.ingest.Topic;
import io.picturepipeline.schemas.EventIds;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SubmitGenerationTest extends IngestIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void anAcceptedGenerationIsStoredAndPublishedToTheGenerateAndLifecycleTopics() {
        String user = Api.newUser("submitter");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

        Api.Response response = api().submit(user, """
                {"prompt": "a lighthouse at dusk", "negativePrompt": "fog", "model": "stability-ai/sdxl",
                 "width": 1024, "height": 768, "steps": 25, "guidanceScale": 6.5, "seed": 42,
                 "sourceImageUrl": "https://example.com/in.png", "strength": 0.4, "numOutputs": 2}
                """);

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        UUID id = UUID.fromString(response.json().get("id").asString());
        assertThat(response.json().get("status").asString()).isEqualTo("queued");
        assertThat(response.header("Location")).isEqualTo("/api/v1/generations/" + id);

        GenerationParameters expected = new GenerationParameters(
                "a lighthouse at dusk",
                "fog",
                "stability-ai/sdxl",
                1024,
                768,
                25,
                6.5,
                42L,
                "https://example.com/in.png",
                0.4,
                2);
        assertThat(jdbc.sql("select owner from ingest.generation_request where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(user);

        for (String topic : List.of(Topics.GENERATE, Topics.LIFECYCLE)) {
            ConsumerRecord<String, byte[]> record = await().atMost(TIMEOUT)
                    .until(
                            () -> Topic.records(topic).stream()
                                    .filter(r -> r.key().equals(id.toString()))
                                    .findFirst()
                                    .orElse(null),
                            r -> r != null);
            assertThat(Topic.decode(record)).isInstanceOfSatisfying(GenerationRequested.class, event -> {
                assertThat(event.generationId()).isEqualTo(id);
                assertThat(event.owner()).isEqualTo(user);
                assertThat(event.parameters()).isEqualTo(expected);
                assertThat(event.eventId()).isEqualTo(EventIds.forFact(id, "requested"));
                assertThat(event.occurredAt()).isAfterOrEqualTo(before);
            });
            assertThat(new String(record.headers().lastHeader("pp-type").value()))
                    .isEqualTo("GenerationRequested");
        }
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.sql("select count(*) from ingest.outbox where generation_id = ?")
                                .param(id)
                                .query(Integer.class)
                                .single())
                        .as("published rows leave the outbox")
                        .isZero());
    }

    @Test
    void absentParametersTakeTheDefaultsOfTheModelCatalogue() {
        String user = Api.newUser("defaults");

        UUID schnell = api().submitValid(user, "a cat");
        Api.Response dev = api().submit(user, "{\"prompt\": \"a dog\", \"model\": \"black-forest-labs/flux-dev\"}");

        JsonNode schnellParameters =
                api().get(user, "/api/v1/generations/" + schnell).json().get("parameters");
        assertThat(schnellParameters.get("model").asString()).isEqualTo("black-forest-labs/flux-schnell");
        assertThat(schnellParameters.get("width").asInt()).isEqualTo(1024);
        assertThat(schnellParameters.get("height").asInt()).isEqualTo(1024);
        assertThat(schnellParameters.get("steps").asInt()).isEqualTo(4);
        assertThat(schnellParameters.get("numOutputs").asInt()).isEqualTo(1);
        assertThat(schnellParameters.propertyNames())
                .as("in the order of GenerationParameters, not jsonb's")
                .containsExactly(
                        "prompt",
                        "negativePrompt",
                        "model",
                        "width",
                        "height",
                        "steps",
                        "guidanceScale",
                        "seed",
                        "sourceImageUrl",
                        "strength",
                        "numOutputs",
                        "scale",
                        "faceEnhance");

        assertThat(dev.status()).isEqualTo(202);
        JsonNode devParameters = api().get(
                        user, "/api/v1/generations/" + dev.json().get("id").asString())
                .json()
                .get("parameters");
        assertThat(devParameters.get("steps").asInt()).isEqualTo(28);
        assertThat(devParameters.get("guidanceScale").asDouble()).isEqualTo(3.0);
    }

    @Test
    void aJustAcceptedGenerationReadsAsQueuedBeforeTheProjectionHasSeenIt() {
        String user = Api.newUser("early-reader");

        UUID id = api().submitValid(user, "an early read");
        Api.Response response = api().get(user, "/api/v1/generations/" + id);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("id").asString()).isEqualTo(id.toString());
        assertThat(body.get("status").asString()).isEqualTo("queued");
        assertThat(body.get("prompt").asString()).isEqualTo("an early read");
        assertThat(body.get("model").asString()).isEqualTo("black-forest-labs/flux-schnell");
        assertThat(body.get("progress").asInt()).isZero();
        assertThat(body.get("error").isNull()).isTrue();
        assertThat(body.get("images").isEmpty()).isTrue();
        assertThat(body.get("createdAt").asString()).isNotBlank();
        assertThat(body.get("completedAt").isNull()).isTrue();
    }

    @Test
    void theProjectionsViewReplacesTheQueuedFallbackOnceItHasSeenTheGeneration() {
        String user = Api.newUser("projected");
        UUID id = api().submitValid(user, "projected soon");

        ReadModel.project(
                jdbc,
                id,
                user,
                "failed",
                rows -> rows.set("attempts", 3)
                        .set("error_stage", "GENERATE")
                        .set("error_class", "ProviderRejected")
                        .set("error_message", "NSFW content detected")
                        .set("failed_at", Instant.now()));

        JsonNode body = api().get(user, "/api/v1/generations/" + id).json();
        assertThat(body.get("status").asString()).isEqualTo("failed");
        assertThat(body.get("attempts").asInt()).isEqualTo(3);
        assertThat(body.get("error").get("stage").asString()).isEqualTo("GENERATE");
        assertThat(body.get("error").get("class").asString()).isEqualTo("ProviderRejected");
        assertThat(body.get("error").get("message").asString()).isEqualTo("NSFW content detected");
        assertThat(body.get("failedAt").isNull()).isFalse();
    }
}
