package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Replicate's sync mode ({@code Prefer: wait}) and prediction deadline ({@code Cancel-After}). */
class SyncModeAndDeadlineTest {

    @Test
    void preferWaitIsSixtySecondsOrTheGivenOneToSixty() {
        assertThat(PreferWait.parse(null)).isNull();
        assertThat(PreferWait.parse("return=minimal")).isNull();
        assertThat(PreferWait.parse("wait")).isEqualTo(Duration.ofSeconds(60));
        assertThat(PreferWait.parse("wait=1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(PreferWait.parse("wait=60")).isEqualTo(Duration.ofSeconds(60));
        assertThat(PreferWait.parse("respond-async, wait=5")).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> PreferWait.parse("wait=0")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PreferWait.parse("wait=61")).isInstanceOf(ApiException.class);
    }

    @Test
    void cancelAfterTakesSecondsMinutesHoursAndBareSecondsFromFiveSecondsOn() {
        assertThat(CancelAfter.parse(null)).isNull();
        assertThat(CancelAfter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(CancelAfter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(CancelAfter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(CancelAfter.parse("1h30m45s")).isEqualTo(Duration.ofSeconds(5445));
        assertThat(CancelAfter.parse("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(CancelAfter.parse("5s")).isEqualTo(CancelAfter.MINIMUM);
        for (String invalid : new String[] {"4s", "4", "", "soon", "1d", "-5s", "5 s"}) {
            assertThatThrownBy(() -> CancelAfter.parse(invalid))
                    .as(invalid)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status).isEqualTo(422));
        }
    }

    @Test
    void preferWaitAnswersThePredictionAsItIsWhenTheWaitRunsOut() {
        try (LocalProvider provider = LocalProvider.start()) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            Instant sent = Instant.now();

            ProviderClient.Response response = createWith(client, "slow [latency:PT30S]", "Prefer", "wait=1");

            assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.json().path("status").asString()).isIn("starting", "processing");
            assertThat(response.json().path("output").isNull()).isTrue();
            assertThat(provider.stats().created()).isEqualTo(1);
        }
    }

    @Test
    void aDeadlineCancelsAPredictionThatIsRunningAtIt() {
        MutableClock clock = new MutableClock();
        try (LocalProvider provider = LocalProvider.start(LocalProviderSettings.defaults()
                .withLatency(Duration.ofSeconds(60))
                .withClock(clock))) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            JsonNode created = createWith(client, "slow", "Cancel-After", "10s").json();
            String id = created.path("id").asString();
            assertThat(created.path("deadline").asString()).isEqualTo("2030-01-01T12:00:10Z");

            clock.advance(Duration.ofMillis(9_999));
            assertThat(get(client, id).path("status").asString()).isEqualTo("processing");
            clock.advance(Duration.ofMillis(1));
            JsonNode ended = get(client, id);

            assertThat(ended.path("status").asString()).isEqualTo("canceled");
            assertThat(ended.path("started_at").asString()).isEqualTo("2030-01-01T12:00:06Z");
            assertThat(ended.path("completed_at").asString()).isEqualTo("2030-01-01T12:00:10Z");
            assertThat(ended.path("output").isNull()).isTrue();
            assertThat(client.send("POST", "/v1/predictions/" + id + "/cancel", null)
                            .json()
                            .path("completed_at")
                            .asString())
                    .isEqualTo("2030-01-01T12:00:10Z");
        }
    }

    @Test
    void aDeadlineBeforeThePredictionStartedAbortsIt() {
        MutableClock clock = new MutableClock();
        try (LocalProvider provider = LocalProvider.start(LocalProviderSettings.defaults()
                .withLatency(Duration.ofSeconds(100))
                .withClock(clock))) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            String id = createWith(client, "queued", "Cancel-After", "5s")
                    .json()
                    .path("id")
                    .asString();

            clock.advance(Duration.ofSeconds(5));
            JsonNode ended = get(client, id);

            assertThat(ended.path("status").asString()).isEqualTo("aborted");
            assertThat(ended.path("started_at").isNull()).isTrue();
            assertThat(ended.path("completed_at").asString()).isEqualTo("2030-01-01T12:00:05Z");
            assertThat(provider.stats().byStatus()).containsEntry("aborted", 1L);
        }
    }

    @Test
    void aPredictionThatEndsBeforeItsDeadlineIsUntouchedByIt() {
        MutableClock clock = new MutableClock();
        try (LocalProvider provider = LocalProvider.start(LocalProviderSettings.defaults()
                .withLatency(Duration.ofSeconds(2))
                .withClock(clock))) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            String id = createWith(client, "quick", "Cancel-After", "1m")
                    .json()
                    .path("id")
                    .asString();

            clock.advance(Duration.ofMinutes(2));
            JsonNode done = get(client, id);

            assertThat(done.path("status").asString()).isEqualTo("succeeded");
            assertThat(done.path("completed_at").asString()).isEqualTo("2030-01-01T12:00:02Z");
            assertThat(done.path("deadline").asString()).isEqualTo("2030-01-01T12:01:00Z");
        }
    }

    @Test
    void anInvalidCancelAfterIsA422AndCreatesNothing() {
        try (LocalProvider provider = LocalProvider.start()) {
            ProviderClient client = new ProviderClient(provider.baseUrl());

            ProviderClient.Response response = createWith(client, "x", "Cancel-After", "3s");

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.json().path("detail").asString()).contains("Cancel-After", "5s");
            assertThat(provider.stats().created()).isZero();
        }
    }

    @Test
    void syncModeAnswersAtTheDeadlineAndTheCompletedWebhookSaysCanceled() {
        try (LocalProvider provider = LocalProvider.start();
                WebhookReceiver receiver = new WebhookReceiver(0)) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            String body = ProviderClient.body("owner/model", ProviderClient.input("slow [latency:PT30S]"))
                    .put("webhook", receiver.url())
                    .toString();

            ProviderClient.Response response = client.send(client.request("POST", "/v1/predictions", body)
                    .header("Prefer", "wait=30")
                    .header("Cancel-After", "5s")
                    .timeout(Duration.ofSeconds(40))
                    .build());

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.json().path("status").asString()).isEqualTo("canceled");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !receiver.deliveries().isEmpty());
            JsonNode delivered =
                    ProviderClient.JSON.readTree(receiver.deliveries().get(0).body());
            assertThat(delivered.path("status").asString()).isEqualTo("canceled");
            assertThat(delivered.path("webhook").asString()).isEqualTo(receiver.url());
        }
    }

    private static ProviderClient.Response createWith(
            ProviderClient client, String prompt, String header, String value) {
        return client.send(client.request(
                        "POST",
                        "/v1/predictions",
                        ProviderClient.body("black-forest-labs/flux-schnell", ProviderClient.input(prompt))
                                .toString())
                .header(header, value)
                .build());
    }

    private static JsonNode get(ProviderClient client, String id) {
        return client.get("/v1/predictions/" + id).json();
    }
}
