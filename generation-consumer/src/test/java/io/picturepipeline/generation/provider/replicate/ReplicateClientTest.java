package io.picturepipeline.generation.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.GenerationRequest;
import io.picturepipeline.generation.provider.Prediction;
import io.picturepipeline.generation.provider.PredictionStatus;
import io.picturepipeline.generation.provider.ProviderRejectedException;
import io.picturepipeline.generation.provider.ProviderUnavailableException;
import io.picturepipeline.generation.provider.ProviderUnavailableException.Kind;
import io.picturepipeline.provider.local.Faults;
import io.picturepipeline.provider.local.LocalProvider;
import io.picturepipeline.provider.local.LocalProviderSettings;
import io.picturepipeline.schemas.GenerationParameters;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Replicate client against a real HTTP server speaking Replicate's API: the local provider. */
class ReplicateClientTest {

    private static final String TOKEN = "client-test-token";

    private static LocalProvider provider;
    private static ReplicateClient client;

    @BeforeAll
    static void startProvider() {
        provider = LocalProvider.start(LocalProviderSettings.defaults()
                .withLatency(Duration.ofMillis(300))
                .withApiToken(TOKEN));
        client = new ReplicateClient(settings(URI.create(provider.baseUrl()), TOKEN));
    }

    @AfterAll
    static void stopProvider() {
        client.close();
        provider.close();
    }

    @AfterEach
    void noFaults() {
        provider.resetFaults();
    }

    @Test
    void createdPredictionIsPolledToItsOutputInTheRequestedSize() throws Exception {
        Prediction created = client.create(request("a lighthouse at dawn", 768, 512));

        assertThat(created.id()).isNotBlank();
        assertThat(created.status()).isIn(PredictionStatus.STARTING, PredictionStatus.PROCESSING);

        Prediction done = await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get(created.id()).join(), p -> p.status().terminal());
        assertThat(done.status()).isEqualTo(PredictionStatus.SUCCEEDED);
        assertThat(done.progressPercent()).isEqualTo(100);
        assertThat(done.outputUrls()).hasSize(1);

        HttpResponse<byte[]> image = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(done.outputUrls().get(0)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        byte[] png = image.body();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(ByteBuffer.wrap(png, 16, 8).getInt()).as("PNG width").isEqualTo(768);
        assertThat(ByteBuffer.wrap(png, 20, 4).getInt()).as("PNG height").isEqualTo(512);
    }

    @Test
    void inSyncModeAFastPredictionsCreateAnswerIsItsResult() {
        try (ReplicateClient sync =
                new ReplicateClient(settings(URI.create(provider.baseUrl()), TOKEN, Duration.ofSeconds(2)))) {
            long pollsBefore = provider.stats().polls();

            Prediction created = sync.create(request("a quick lighthouse", 512, 512));

            assertThat(created.status()).isEqualTo(PredictionStatus.SUCCEEDED);
            assertThat(created.outputUrls()).hasSize(1);
            assertThat(provider.stats().polls()).isEqualTo(pollsBefore);
        }
    }

    @Test
    void inSyncModeAPredictionOutlastingTheWaitIsAnsweredUnfinishedAfterTheWait() {
        try (ReplicateClient sync =
                new ReplicateClient(settings(URI.create(provider.baseUrl()), TOKEN, Duration.ofSeconds(1)))) {
            long start = System.nanoTime();

            Prediction created = sync.create(request("a slow lighthouse [latency:PT30S]", 512, 512));

            assertThat(created.status()).isIn(PredictionStatus.STARTING, PredictionStatus.PROCESSING);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void progressIsReadFromTheLogsWhileProcessing() {
        Prediction created = client.create(request("slow sunrise [latency:PT4S]", 512, 512));

        Prediction processing = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> client.get(created.id()).join(),
                        p -> p.status() == PredictionStatus.PROCESSING && p.progressPercent() > 0);
        assertThat(processing.progressPercent()).isBetween(1, 99);
    }

    @Test
    void cancelledPredictionEndsCanceled() {
        Prediction created = client.create(request("never mind [latency:PT60S]", 512, 512));

        client.cancel(created.id());

        assertThat(client.get(created.id()).join().status()).isEqualTo(PredictionStatus.CANCELED);
    }

    @Test
    void permanentProviderFailureIsAFailedPredictionWithTheProvidersError() {
        Prediction created = client.create(request("forbidden [fail:permanent]", 512, 512));

        Prediction failed = await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get(created.id()).join(), p -> p.status().terminal());
        assertThat(failed.status()).isEqualTo(PredictionStatus.FAILED);
        assertThat(failed.error()).contains("NSFW");
        assertThat(failed.outputUrls()).isEmpty();
    }

    @Test
    void unprocessableInputIsRejectedPermanently() {
        assertThatThrownBy(() -> client.create(request("bad input [fail:create:422]", 512, 512)))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageContaining("HTTP 422")
                .satisfies(e ->
                        assertThat(((ProviderRejectedException) e).status()).isEqualTo(422));
    }

    @Test
    void serviceUnavailableIsTransient() {
        assertThatThrownBy(() -> client.create(request("busy [fail:create:503]", 512, 512)))
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e ->
                        assertThat(((ProviderUnavailableException) e).kind()).isEqualTo(Kind.SERVER_ERROR));
    }

    @Test
    void rateLimitingIsTransientWithTheRetryAfterOfTheAnswer() {
        provider.faults(Faults.none().withRateLimit(1.0, 7));

        assertThatThrownBy(() -> client.create(request("throttled", 512, 512)))
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> {
                    ProviderUnavailableException unavailable = (ProviderUnavailableException) e;
                    assertThat(unavailable.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void aWrongTokenIsRejectedPermanently() {
        try (ReplicateClient wrong = new ReplicateClient(settings(URI.create(provider.baseUrl()), "wrong"))) {
            assertThatThrownBy(() -> wrong.create(request("who am I", 512, 512)))
                    .isInstanceOf(ProviderRejectedException.class)
                    .satisfies(e ->
                            assertThat(((ProviderRejectedException) e).status()).isEqualTo(401));
        }
    }

    @Test
    void pollOfAnUnknownPredictionIsNotFound() {
        assertThatThrownBy(() -> client.get("doesnotexist").join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(ProviderRejectedException.class)
                .satisfies(e ->
                        assertThat(((ProviderRejectedException) e).status()).isEqualTo(404));
    }

    @Test
    void unreachableProviderIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ReplicateClient unreachable =
                new ReplicateClient(settings(URI.create("http://127.0.0.1:" + closedPort), TOKEN))) {
            assertThatThrownBy(() -> unreachable.create(request("anyone there", 512, 512)))
                    .isInstanceOf(ProviderUnavailableException.class)
                    .satisfies(e -> assertThat(((ProviderUnavailableException) e).kind())
                            .isEqualTo(Kind.CONNECTION));
            assertThatThrownBy(() -> unreachable.get("abc").join())
                    .cause()
                    .isInstanceOf(ProviderUnavailableException.class);
        }
    }

    @Test
    void unknownModelIsRejectedWithoutACall() {
        GenerationParameters p =
                new GenerationParameters("x", null, "acme/unknown", 512, 512, 4, 1, null, null, null, 1);
        long before = provider.stats().createRequests();

        assertThatThrownBy(() -> client.create(new GenerationRequest(UUID.randomUUID(), p, null)))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageContaining("acme/unknown");
        assertThat(provider.stats().createRequests()).isEqualTo(before);
    }

    static GenerationSettings.Replicate settings(URI baseUrl, String token) {
        return settings(baseUrl, token, Duration.ZERO);
    }

    static GenerationSettings.Replicate settings(URI baseUrl, String token, Duration syncWait) {
        return new GenerationSettings.Replicate(
                baseUrl,
                token,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                2,
                syncWait,
                Duration.ZERO);
    }

    static GenerationRequest request(String prompt, int width, int height) {
        return new GenerationRequest(
                UUID.randomUUID(),
                new GenerationParameters(prompt, null, "stability-ai/sdxl", width, height, 20, 7.5, 42L, null, null, 1),
                null);
    }
}
