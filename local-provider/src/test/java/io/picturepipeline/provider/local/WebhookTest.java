package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class WebhookTest {

    private LocalProvider provider;
    private ProviderClient client;

    @BeforeEach
    void start() {
        provider = LocalProvider.start(LocalProviderSettings.defaults().withLatency(Duration.ofMillis(200)));
        client = new ProviderClient(provider.baseUrl());
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void completedPredictionIsPostedOnceToItsWebhookSigned() {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            String id = create(receiver, null);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !receiver.deliveries().isEmpty());
            WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
            JsonNode body = ProviderClient.JSON.readTree(delivery.body());

            assertThat(body.path("id").asString()).isEqualTo(id);
            assertThat(body.path("status").asString()).isEqualTo("succeeded");
            assertThat(body.path("output").get(0).asString()).endsWith("/files/" + id + "/0.png");
            String webhookId = delivery.headers().getFirst("webhook-id");
            long timestamp = Long.parseLong(delivery.headers().getFirst("webhook-timestamp"));
            String secret =
                    client.get("/v1/webhooks/default/secret").json().path("key").asString();
            assertThat(delivery.headers().getFirst("webhook-signature"))
                    .isEqualTo(new WebhookSigner(secret).sign(webhookId, timestamp, delivery.body()));
            await().atMost(Duration.ofSeconds(2)).until(() -> provider.stats().webhookDeliveries() == 1);
            assertThat(receiver.deliveries()).hasSize(1);
        }
    }

    @Test
    void failedDeliveryIsRetriedUntilTheReceiverAccepts() {
        try (WebhookReceiver receiver = new WebhookReceiver(2)) {
            create(receiver, null);

            await().atMost(Duration.ofSeconds(8)).until(() -> provider.stats().webhookDeliveries() == 1);

            assertThat(provider.stats().webhookFailures()).isEqualTo(2);
            assertThat(receiver.deliveries()).hasSize(1);
        }
    }

    @Test
    void startEventIsSentWhenRequestedInTheFilter() {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            create(receiver, List.of("start", "completed"));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.deliveries().size() == 2);

            assertThat(receiver.deliveries())
                    .extracting(d -> ProviderClient.JSON
                            .readTree(d.body())
                            .path("status")
                            .asString())
                    .containsExactly("processing", "succeeded");
        }
    }

    @Test
    void logsEventsComeAtMostEveryHalfSecondLikeReplicates() {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            // 20 steps in 1.8 s of processing: one event per step would be every 90 ms; 500 ms apart leaves 2
            ObjectNode input = ProviderClient.input("logs [latency:PT2S]").put("num_inference_steps", 20);
            ObjectNode body = ProviderClient.body("owner/model", input);
            body.put("webhook", receiver.url());
            body.putArray("webhook_events_filter").add("logs").add("completed");
            assertThat(client.send("POST", "/v1/predictions", body.toString()).status())
                    .isEqualTo(201);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.deliveries().stream()
                            .anyMatch(d -> d.headers().getFirst("webhook-id").endsWith("_completed")));

            assertThat(receiver.deliveries())
                    .extracting(d -> d.headers().getFirst("webhook-id").replaceAll("^msg_[^_]+_", ""))
                    .containsExactly("logs-1", "logs-2", "completed");
        }
    }

    @Test
    void canceledPredictionIsPostedWithCanceledStatus() {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            String id = create(receiver, null, "slow [latency:PT60S]");

            client.send("POST", "/v1/predictions/" + id + "/cancel", null);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.deliveries().size() == 1);
            assertThat(new String(receiver.deliveries().get(0).body(), StandardCharsets.UTF_8))
                    .contains("\"status\":\"canceled\"");
        }
    }

    private String create(WebhookReceiver receiver, List<String> events) {
        return create(receiver, events, "a webhook test");
    }

    private String create(WebhookReceiver receiver, List<String> events, String prompt) {
        ObjectNode body = ProviderClient.body("owner/model", ProviderClient.input(prompt));
        body.put("webhook", receiver.url());
        if (events != null) {
            events.forEach(body.putArray("webhook_events_filter")::add);
        }
        ProviderClient.Response response = client.send("POST", "/v1/predictions", body.toString());
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asString();
    }
}
