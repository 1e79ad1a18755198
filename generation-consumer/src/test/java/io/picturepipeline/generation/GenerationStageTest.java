package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

class GenerationStageTest extends StageIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.GENERATE);

    @Test
    void requestedGenerationEndsAsImagesOnTheDownloadTopicAfterStartAndProgress() throws Exception {
        GenerationRequested requested = request("a lighthouse at dawn [latency:PT3S]");
        UUID id = requested.generationId();

        publish(requested);

        ImagesGenerated generated = await().atMost(PATIENCE)
                .until(() -> topics().events(Topics.DOWNLOAD, id, ImagesGenerated.class), events -> events.size() == 1)
                .get(0);
        assertThat(generated.owner()).isEqualTo("alice");
        assertThat(generated.width()).isEqualTo(512);
        assertThat(generated.height()).isEqualTo(512);
        assertThat(generated.outputUrls()).hasSize(1);

        List<PipelineEvent> lifecycle = await().atMost(PATIENCE)
                .until(
                        () -> topics().events(Topics.LIFECYCLE, id),
                        events -> events.stream().anyMatch(ImagesGenerated.class::isInstance));
        assertThat(lifecycle.get(0)).isInstanceOf(GenerationStarted.class);
        GenerationStarted started = (GenerationStarted) lifecycle.get(0);
        assertThat(started.provider()).isEqualTo("replicate");
        assertThat(started.predictionId()).isEqualTo(generated.predictionId());
        List<Integer> progress = lifecycle.stream()
                .filter(GenerationProgressed.class::isInstance)
                .map(e -> ((GenerationProgressed) e).percent())
                .toList();
        assertThat(progress).isNotEmpty().isSorted().allMatch(p -> p > 0 && p <= 100);
        assertThat(lifecycle.get(lifecycle.size() - 1)).isEqualTo(generated);
        // the row changes after its event is published: awaited, not read once
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id), "done"::equals);

        HttpResponse<byte[]> image = HTTP.send(
                HttpRequest.newBuilder(URI.create(generated.outputUrls().get(0)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(image.body()).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }

    @Test
    void redeliveredRequestCreatesNoSecondPrediction() {
        GenerationRequested requested = request("a lighthouse, delivered twice");
        UUID id = requested.generationId();

        publish(requested);
        RecordMetadata second = publish(requested);
        awaitConsumed(second);

        await().atMost(PATIENCE)
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        assertThat(providerPredictions(requested.parameters().prompt())).hasSize(1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        assertThat(topics().events(Topics.LIFECYCLE, id, GenerationStarted.class))
                .hasSize(1);
    }

    @Test
    void redeliveryAfterCompletionChangesNothing() {
        GenerationRequested requested = request("a lighthouse, delivered again later");
        UUID id = requested.generationId();
        publish(requested);
        await().atMost(PATIENCE)
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);

        awaitConsumed(publish(requested));

        assertThat(providerPredictions(requested.parameters().prompt())).hasSize(1);
        assertThat(topics().records(Topics.DOWNLOAD, id)).hasSize(1);
        // the row changes after its event is published: awaited, not read once
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id), "done"::equals);
    }

    @Test
    void failedPredictionFailsTheGenerationWithoutDownload() {
        GenerationRequested requested = request("a forbidden lighthouse [fail:permanent]");
        UUID id = requested.generationId();

        publish(requested);

        GenerationFailed failed = await().atMost(PATIENCE)
                .until(
                        () -> topics().events(Topics.LIFECYCLE, id, GenerationFailed.class),
                        events -> events.size() == 1)
                .get(0);
        assertThat(failed.stage()).isEqualTo(Stage.GENERATE);
        assertThat(failed.errorClass()).isEqualTo("ProviderFailed");
        assertThat(failed.message())
                .as("the provider's words stay in the logs")
                .isEqualTo("The image provider could not generate this image.");
        // the row changes after its event is published: awaited, not read once
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id), "failed"::equals);
        assertThat(topics().records(Topics.DOWNLOAD, id)).isEmpty();
        assertThat(topics().records(DEAD_LETTERS, id)).isEmpty();
    }

    @Test
    void rejectedCreateFailsTheGenerationAndDeadLettersTheRecord() {
        GenerationRequested requested = request("an unprocessable lighthouse [fail:create:422]");
        UUID id = requested.generationId();

        publish(requested);

        await().atMost(PATIENCE).until(() -> topics().records(DEAD_LETTERS, id).size() == 1);
        ConsumerRecord<String, byte[]> deadLetter =
                topics().records(DEAD_LETTERS, id).get(0);
        assertThat(header(deadLetter, FailureHeaders.TERMINAL))
                .as("never replayed")
                .isEqualTo("true");
        assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_CLASS)).endsWith("ProviderRejectedException");
        GenerationFailed failed = await().atMost(PATIENCE)
                .until(
                        () -> topics().events(Topics.LIFECYCLE, id, GenerationFailed.class),
                        events -> events.size() == 1)
                .get(0);
        assertThat(failed.stage()).isEqualTo(Stage.GENERATE);
        assertThat(failed.errorClass()).isEqualTo("ProviderRejected");
        assertThat(failed.message()).isEqualTo("The image provider refused this request.");
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_MESSAGE)).contains("HTTP 422");
        await().atMost(PATIENCE)
                .until(() -> topics().events(Topics.LIFECYCLE, id, DeadLettered.class), events -> events.size() == 1);
        assertThat(providerPredictions(requested.parameters().prompt())).isEmpty();
        assertThat(status(id)).as("no row keeps a slot").isEqualTo("absent");
        assertThat(topics().records(Topics.DOWNLOAD, id)).isEmpty();
    }

    @Test
    void transientCreateFailuresAreRetriedIntoOnePrediction() {
        GenerationRequested requested = request("a flaky lighthouse [fail:times=2]");
        UUID id = requested.generationId();

        publish(requested);

        await().atMost(PATIENCE)
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        assertThat(providerPredictions(requested.parameters().prompt())).hasSize(1);
        assertThat(topics().records(DEAD_LETTERS, id)).isEmpty();
        assertThat(topics().events(Topics.LIFECYCLE, id, RetryScheduled.class))
                .as("the in-process retries were enough")
                .isEmpty();
    }

    @Test
    void transientCreateFailuresOutlastingTheInProcessRetriesGoThroughABackoffTierIntoOnePrediction() {
        // three in-process attempts fail on the first delivery; the retry from tier 0 fails once more, then passes
        GenerationRequested requested = request("a very flaky lighthouse [fail:times=4]");
        UUID id = requested.generationId();

        publish(requested);

        await().atMost(PATIENCE)
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        assertThat(providerPredictions(requested.parameters().prompt())).hasSize(1);
        assertThat(topics().events(Topics.LIFECYCLE, id, RetryScheduled.class))
                .singleElement()
                .satisfies(retry -> {
                    assertThat(retry.attempt()).isEqualTo(1);
                    assertThat(retry.delay()).isEqualTo(Duration.ofMillis(200));
                    assertThat(retry.reason())
                            .isEqualTo("server_error: The image provider answered with a server error.");
                });
        assertThat(topics().records(DEAD_LETTERS, id)).isEmpty();
        assertThat(topics().events(Topics.LIFECYCLE, id, GenerationStarted.class))
                .hasSize(1);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void poisonRecordIsDeadLetteredAndTheNextRecordOfItsPartitionStillCompletes() {
        UUID poisonKey = UUID.randomUUID();
        byte[] poison = "{\"type\":\"GenerationRequested\",\"prompt\":".getBytes(StandardCharsets.UTF_8);
        GenerationRequested good = request("a lighthouse after the poison");

        send(new ProducerRecord<>(Topics.GENERATE, 0, poisonKey.toString(), poison));
        send(new ProducerRecord<>(Topics.GENERATE, 0, good.generationId().toString(), CODEC.encode(good)));

        await().atMost(PATIENCE)
                .until(() -> topics().records(DEAD_LETTERS, poisonKey).size() == 1);
        ConsumerRecord<String, byte[]> deadLetter =
                topics().records(DEAD_LETTERS, poisonKey).get(0);
        assertThat(deadLetter.value()).isEqualTo(poison);
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_CLASS))
                .isEqualTo("io.picturepipeline.schemas.PoisonRecordException");
        assertThat(header(deadLetter, FailureHeaders.ATTEMPTS))
                .as("on first sight")
                .isEqualTo("1");
        await().atMost(PATIENCE)
                .until(() ->
                        topics().records(Topics.DOWNLOAD, good.generationId()).size() == 1);
    }
}
