package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RetentionTest {

    @Test
    void oldestTerminalPredictionsAreEvictedBeyondTheCap() {
        try (LocalProvider provider = LocalProvider.start(
                LocalProviderSettings.defaults().withLatency(Duration.ZERO).withMaxPredictions(3))) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(client.create(ProviderClient.input("p" + i)).path("id").asString());
            }

            assertThat(client.get("/v1/predictions/" + ids.get(0)).status()).isEqualTo(404);
            assertThat(client.get("/v1/predictions/" + ids.get(1)).status()).isEqualTo(404);
            assertThat(client.get("/v1/predictions/" + ids.get(4)).status()).isEqualTo(200);
            assertThat(client.get("/v1/predictions").json().path("results").size())
                    .isEqualTo(3);
        }
    }

    @Test
    void outputsAndFilesAreDeletedAnHourAfterThePredictionEnded() {
        MutableClock clock = new MutableClock();
        try (LocalProvider provider = LocalProvider.start(LocalProviderSettings.defaults()
                .withLatency(Duration.ofSeconds(2))
                .withClock(clock))) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            String id = client.create(ProviderClient.input("short-lived"))
                    .path("id")
                    .asString();
            clock.advance(Duration.ofSeconds(2));
            JsonNode done = client.get("/v1/predictions/" + id).json();
            String file = done.path("output").get(0).asString();
            assertThat(done.path("data_removed").asBoolean()).isFalse();
            assertThat(client.get(file).status()).isEqualTo(200);

            clock.advance(Duration.ofHours(1).minusMillis(1));
            assertThat(client.get(file).status()).isEqualTo(200);
            clock.advance(Duration.ofMillis(1));
            JsonNode expired = client.get("/v1/predictions/" + id).json();

            assertThat(expired.path("status").asString()).isEqualTo("succeeded");
            assertThat(expired.path("data_removed").asBoolean()).isTrue();
            assertThat(expired.path("output").isNull()).isTrue();
            assertThat(expired.path("input").isEmpty()).isTrue();
            assertThat(client.get(file).status()).isEqualTo(404);
        }
    }

    @Test
    void inFlightPredictionsAreNeverEvicted() {
        try (LocalProvider provider = LocalProvider.start(LocalProviderSettings.defaults()
                .withLatency(Duration.ofMinutes(5))
                .withMaxPredictions(2))) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            String first = client.create(ProviderClient.input("a")).path("id").asString();
            client.create(ProviderClient.input("b"));
            client.create(ProviderClient.input("c"));

            assertThat(client.get("/v1/predictions/" + first).status()).isEqualTo(200);
            assertThat(provider.stats().byStatus().get("starting")).isEqualTo(3);
        }
    }

    @Test
    void fiveThousandInFlightPredictionsNeedNoThreadOfTheirOwn() {
        // 5,000 creates at once: far beyond Replicate's 600 a minute, so this account may make them
        try (LocalProvider provider = LocalProvider.start(LocalProviderSettings.defaults()
                .withLatency(Duration.ofMinutes(5))
                .withRateLimits(new RateLimits(5_000, 3_000, Duration.ofMinutes(1))))) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            String body = ProviderClient.body("owner/model", ProviderClient.input("many"))
                    .toString();
            List<Integer> statuses = new ArrayList<>();
            for (int batch = 0; batch < 20; batch++) {
                List<CompletableFuture<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 250; i++) {
                    answers.add(client.http()
                            .sendAsync(
                                    client.request("POST", "/v1/predictions", body)
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .thenApply(HttpResponse::statusCode));
                }
                answers.forEach(answer -> statuses.add(answer.join()));
            }

            assertThat(statuses).hasSize(5_000).containsOnly(201);
            Map<String, Long> byStatus = provider.stats().byStatus();
            assertThat(byStatus.get("starting") + byStatus.get("processing")).isEqualTo(5_000);
            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(thread -> thread.getName().startsWith("local-provider"))
                    .hasSizeLessThanOrEqualTo(64 + 1 + 2);
        }
    }
}
