package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.generation.provider.ModelPace;
import io.picturepipeline.provider.local.LocalProviderSettings;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The provider's webhooks, signed by the local provider the way Replicate signs (Standard Webhooks). */
class WebhookTest extends StageIntegrationTest {

    @Autowired
    private ModelPace pace;

    @Autowired
    private MeterRegistry registry;

    @Test
    void predictionOutlastingTheSyncWaitCompletesThroughTheWebhookWithoutAnyPoll() {
        // sync-wait 2 s, safety-net poll 10 s after the create answered: only the webhook can finish it in between
        GenerationRequested requested = request("a lighthouse, announced by webhook [latency:PT5S]");
        UUID id = requested.generationId();
        publish(requested);
        runningPrediction(id);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "done"::equals);
        assertThat(polls(id)).as("polls of this prediction").isZero();
    }

    @Test
    void fastPredictionCreatedWithoutASyncWaitCompletesThroughTheWebhookWithoutAnyPoll() {
        // its model's recent predictions outlasted the wait (ModelPace), so the create asks for no wait and answers at
        // once; a 2 s prediction, the safety-net poll 10 s after the answer: only the webhook settles it
        String model = SyncModeTest.SLOW_MODEL;
        for (int i = 0; i < 8; i++) {
            pace.outlasted(model);
        }
        double asyncCreates = SyncModeTest.creates(registry, model, "async");
        GenerationRequested requested = request(model, "a quick lighthouse, no sync wait [latency:PT2S]");
        UUID id = requested.generationId();
        long webhooksBefore = PROVIDER.stats().webhookDeliveries();

        publish(requested);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "done"::equals);
        assertThat(polls(id)).as("polls of this prediction").isZero();
        assertThat(PROVIDER.stats().webhookDeliveries()).isGreaterThan(webhooksBefore);
        assertThat(SyncModeTest.creates(registry, model, "async"))
                .as("created without a wait")
                .isEqualTo(asyncCreates + 1);
    }

    @Test
    void progressOfAPredictionOutlastingTheSyncWaitComesByWebhookWithoutAnyPoll() {
        // the create answer (after the 2 s sync wait) shows the progress so far; the logs webhooks after it, every
        // 500 ms or more, show the rest before the result, with no poll in between (the safety net is 10 s away)
        GenerationRequested requested = request("a lighthouse, progress by webhook [latency:PT6S]");
        UUID id = requested.generationId();
        publish(requested);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "done"::equals);

        List<Integer> progress = topics().events(Topics.LIFECYCLE, id, GenerationProgressed.class).stream()
                .map(GenerationProgressed::percent)
                .distinct()
                .toList();
        assertThat(progress)
                .as("progress on the lifecycle topic: from the create answer and from logs webhooks after it")
                .hasSizeGreaterThanOrEqualTo(2)
                .isSortedAccordingTo(Integer::compare);
        assertThat(polls(id)).as("polls of this prediction").isZero();
    }

    @Test
    void unsignedWebhookIsRefusedAndDecidesNothing() throws Exception {
        GenerationRequested requested = request("a lighthouse, forged webhook [latency:PT2M]");
        UUID id = requested.generationId();
        publish(requested);
        String predictionId = runningPrediction(id);

        HttpResponse<String> answer = post(forgedSuccess(predictionId), null, null, null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("webhook-id");
        assertThat(status(id)).isEqualTo("running");
        assertThat(topics().records(Topics.DOWNLOAD, id)).isEmpty();
    }

    @Test
    void webhookSignedWithAnotherKeyIsRefused() throws Exception {
        String body = forgedSuccess("abc123");
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> answer =
                post(body, "msg_1", Long.toString(now), sign("whsec_" + base64("not the key"), "msg_1", now, body));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("webhook-signature");
    }

    @Test
    void webhookWithAStaleTimestampIsRefusedEvenWhenItsSignatureIsRight() throws Exception {
        String body = forgedSuccess("abc123");
        long stale = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();

        HttpResponse<String> answer = post(body, "msg_2", Long.toString(stale), sign(SECRET, "msg_2", stale, body));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("webhook-timestamp");
    }

    @Test
    void signedWebhookSettlesThePredictionAndItsRepeatWithTheSameIdIsIgnored() throws Exception {
        GenerationRequested requested = request("a lighthouse, signed webhook [latency:PT2M]");
        UUID id = requested.generationId();
        publish(requested);
        String predictionId = runningPrediction(id);
        String body = """
                {"id": "%s", "status": "failed", "error": "signed by the provider's key"}
                """.formatted(predictionId);
        long now = Instant.now().getEpochSecond();
        String webhookId = "msg_" + UUID.randomUUID();

        HttpResponse<String> first = post(body, webhookId, Long.toString(now), sign(SECRET, webhookId, now, body));
        HttpResponse<String> repeat = post(body, webhookId, Long.toString(now), sign(SECRET, webhookId, now, body));

        assertThat(first.statusCode()).isEqualTo(204);
        assertThat(repeat.statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "failed"::equals);
        assertThat(polls(id)).isZero();
        assertThat(topics().events(Topics.LIFECYCLE, id, io.picturepipeline.schemas.GenerationFailed.class))
                .singleElement()
                .satisfies(failed -> assertThat(failed.errorClass()).isEqualTo("ProviderFailed"));
    }

    @Test
    void aResultThatOvertakesItsCreateAnswerIsAskedForAgainAndSettlesTheGenerationOnceTheAnswerIsRecorded()
            throws Exception {
        // a create call still out: its row has no prediction id yet (as between the call and recording its answer)
        UUID id = UUID.randomUUID();
        String predictionId = "overtaking-" + id;
        jdbc.sql("""
                        INSERT INTO generation.prediction (generation_id, owner, provider, model, status, create_token,
                                                           width, height, num_outputs)
                        VALUES (:id, 'webhook-race', 'replicate', 'bytedance/sdxl-lightning-4step', 'creating',
                                :token, 256, 256, 1)
                        """).param("id", id).param("token", UUID.randomUUID()).update();
        String body = """
                {"id": "%s", "status": "failed", "error": "overtook its create answer"}
                """.formatted(predictionId);
        long now = Instant.now().getEpochSecond();
        String webhookId = "msg_" + UUID.randomUUID();
        String signature = sign(SECRET, webhookId, now, body);

        HttpResponse<String> early = post("?generation=" + id, body, webhookId, Long.toString(now), signature);

        assertThat(early.statusCode())
                .as("not acknowledged: the provider sends it again")
                .isEqualTo(503);
        assertThat(early.headers().firstValue("Retry-After")).contains("1");
        assertThat(early.body()).contains(predictionId);
        assertThat(status(id)).isEqualTo("creating");

        jdbc.sql("""
                        UPDATE generation.prediction SET prediction_id = :prediction, status = 'running'
                         WHERE generation_id = :id
                        """).param("prediction", predictionId).param("id", id).update();
        HttpResponse<String> again = post("?generation=" + id, body, webhookId, Long.toString(now), signature);

        assertThat(again.statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "failed"::equals);
        assertThat(polls(id)).isZero();
    }

    @Test
    void signedWebhookWithoutAPredictionIsABadRequestNamingTheBody() throws Exception {
        String body = "{\"status\": \"succeeded\"}";
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> answer = post(body, "msg_3", Long.toString(now), sign(SECRET, "msg_3", now, body));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("body");
    }

    private static final String SECRET = LocalProviderSettings.DEFAULT_WEBHOOK_SECRET;

    /** Delivers {@code body} signed with the local provider's key, as the provider would. */
    static HttpResponse<String> deliverSigned(String body) throws Exception {
        long now = Instant.now().getEpochSecond();
        String webhookId = "msg_" + UUID.randomUUID();
        return post(body, webhookId, Long.toString(now), sign(SECRET, webhookId, now, body));
    }

    private static String forgedSuccess(String predictionId) {
        return """
                {"id": "%s", "status": "succeeded", "output": ["http://attacker.example/x.png"]}
                """.formatted(predictionId);
    }

    private static HttpResponse<String> post(String body, String id, String timestamp, String signature)
            throws Exception {
        return post("", body, id, timestamp, signature);
    }

    private static HttpResponse<String> post(String query, String body, String id, String timestamp, String signature)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + PORT + "/webhooks/replicate" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (id != null) {
            request.header("webhook-id", id)
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String secret, String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(signature);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
