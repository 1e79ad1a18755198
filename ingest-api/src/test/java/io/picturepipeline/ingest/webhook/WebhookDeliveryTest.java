package io.picturepipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.Lifecycle;
import io.picturepipeline.schemas.Access;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.StoredImage;
import io.picturepipeline.schemas.Topics;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * Client webhooks on the real broker and PostgreSQL: lifecycle events published as the stages publish them, delivered
 * by the ingest-api to loopback receivers ({@link Receiver}), signed, retried through the shared backoff tiers (short
 * ones in tests), and never sent to an address the SSRF guard refuses.
 */
class WebhookDeliveryTest extends IngestIntegrationTest {

    private static final Duration DELIVERED = Duration.ofSeconds(30);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    Lifecycle lifecycle;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeEach
    void lifecycle() {
        lifecycle = new Lifecycle(kafka);
    }

    @Test
    void deliversTheTerminalEventSignedTheStandardWebhooksWay() {
        String user = Api.newUser("hooked");
        String name = "signed-" + UUID.randomUUID();
        JsonNode endpoint = registered(user, Receiver.TRUSTED.receiver(name, 204), "terminal");
        String secret = endpoint.get("secret").asString();
        UUID generation = api().submitValid(user, "a signed delivery");

        lifecycle.publish(GenerationProgressed.of(generation, Instant.now(), 50));
        lifecycle.publish(completed(generation));

        Receiver.Received delivery = await().atMost(DELIVERED)
                .until(() -> Receiver.TRUSTED.received(name), got -> !got.isEmpty())
                .get(0);
        assertThat(secret).startsWith("whsec_");
        assertThat(StandardWebhooks.verifies(delivery, secret))
                .as("signature %s", delivery.signature())
                .isTrue();
        Receiver.Received tampered = new Receiver.Received(
                delivery.webhookId(),
                delivery.timestamp(),
                delivery.signature(),
                delivery.body().replace("completed", "failed"),
                delivery.at());
        assertThat(StandardWebhooks.verifies(tampered, secret)).isFalse();
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(delivery.timestamp())))
                .as("webhook-timestamp is the attempt's, in seconds")
                .isLessThan(300);
        JsonNode body = Api.JSON.readTree(delivery.body());
        assertThat(body.get("type").asString()).isEqualTo("generation.completed");
        assertThat(body.get("data").get("generationId").asString()).isEqualTo(generation.toString());
        assertThat(body.get("data").get("images").get(0).get("url").asString())
                .isEqualTo("/api/v1/generations/" + generation + "/images/0");
        JsonNode deliveries = await().atMost(DELIVERED)
                .until(() -> deliveries(user, endpoint), list -> "delivered".equals(status(list, 0)));
        assertThat(deliveries.size())
                .as("terminal only: the progress event is not sent")
                .isEqualTo(1);
        assertThat(deliveries.get(0).get("webhookId").asString()).isEqualTo(delivery.webhookId());
        assertThat(deliveries.get(0).get("lastResponseStatus").asInt()).isEqualTo(204);
        Map<String, Object> analysts =
                jdbc.sql("""
                        select status, endpoint_origin, latency is not null as timed
                        from ingest.webhook_deliveries where webhook_id = ?""").param(delivery.webhookId()).query().singleRow();
        assertThat(analysts)
                .containsEntry("status", "delivered")
                .containsEntry("endpoint_origin", "http://" + Receiver.TRUSTED.hostPort())
                .containsEntry("timed", true);
    }

    @Test
    void anEndpointThatAnswers500TwiceGetsOneSuccessfulDeliveryWithTheSameWebhookIdEachTime() {
        String user = Api.newUser("flaky");
        String name = "flaky-" + UUID.randomUUID();
        JsonNode endpoint = registered(user, Receiver.TRUSTED.receiver(name, 500, 500, 200), "terminal");
        UUID generation = api().submitValid(user, "try again");

        lifecycle.publish(completed(generation));

        JsonNode deliveries = await().atMost(DELIVERED)
                .until(() -> deliveries(user, endpoint), list -> "delivered".equals(status(list, 0)));
        List<Receiver.Received> received = Receiver.TRUSTED.received(name);
        assertThat(received).hasSize(3);
        assertThat(received)
                .extracting(Receiver.Received::webhookId)
                .containsOnly(received.get(0).webhookId());
        assertThat(received)
                .allSatisfy(attempt -> assertThat(StandardWebhooks.verifies(
                                attempt, endpoint.get("secret").asString()))
                        .isTrue());
        assertThat(deliveries.get(0).get("attempts").asInt()).isEqualTo(3);
        assertThat(deliveries.get(0).get("webhookId").asString())
                .isEqualTo(received.get(0).webhookId());
    }

    @Test
    void refusesLoopbackAndMetadataAddressesAtRegistration() {
        String user = Api.newUser("sneaky");
        for (String url : List.of(
                "https://127.0.0.1:" + Receiver.UNTRUSTED.hostPort().split(":")[1] + "/hooks/x",
                "https://169.254.169.254/latest/meta-data/",
                "https://[::ffff:169.254.169.254]/latest/meta-data/",
                "http://" + Receiver.UNTRUSTED.hostPort() + "/hooks/x")) {
            Api.Response response = register(user, url, "terminal");

            assertThat(response.status()).as(url + ": " + response).isEqualTo(400);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("url");
        }
        assertThat(api().get(user, "/api/v1/webhooks").json().get("items").size())
                .isZero();
    }

    @Test
    void refusesAtDeliveryAnAddressThatNoLongerPassesTheGuardAndDisablesTheEndpoint() {
        for (String address : List.of(
                Receiver.UNTRUSTED.receiver("never-reached", 200), "https://169.254.169.254/latest/meta-data/")) {
            String user = Api.newUser("rebound");
            JsonNode endpoint =
                    registered(user, Receiver.TRUSTED.receiver("rebound-" + UUID.randomUUID(), 200), "terminal");
            // what a DNS name can do after registration: point somewhere the guard refuses
            jdbc.sql("update ingest.webhook_endpoint set url = ? where id = ?")
                    .params(address, UUID.fromString(endpoint.get("id").asString()))
                    .update();
            UUID generation = api().submitValid(user, "rebinding");

            lifecycle.publish(completed(generation));

            await().atMost(DELIVERED)
                    .until(() -> deliveries(user, endpoint), list -> "refused".equals(status(list, 0)));
            JsonNode now = api().get(
                            user, "/api/v1/webhooks/" + endpoint.get("id").asString())
                    .json();
            assertThat(now.get("enabled").asBoolean()).isFalse();
            assertThat(now.get("disabledReason").asString())
                    .contains("refused")
                    .containsAnyOf("loopback", "link-local");
        }
        assertThat(Receiver.UNTRUSTED.received("never-reached")).isEmpty();
    }

    @Test
    void anEndpointWhoseDeliveryIsGivenUpIsDisabledWithAReasonItsOwnerSees() {
        String user = Api.newUser("broken");
        String name = "broken-" + UUID.randomUUID();
        JsonNode endpoint = registered(user, Receiver.TRUSTED.receiver(name, 503), "terminal");
        UUID generation = api().submitValid(user, "never lands");

        lifecycle.publish(completed(generation));

        JsonNode deliveries = await().atMost(DELIVERED)
                .until(() -> deliveries(user, endpoint), list -> "failed".equals(status(list, 0)));
        assertThat(deliveries.get(0).get("attempts").asInt()).isEqualTo(4);
        assertThat(deliveries.get(0).get("lastError").asString()).contains("answered 503");
        JsonNode now = api().get(user, "/api/v1/webhooks/" + endpoint.get("id").asString())
                .json();
        assertThat(now.get("enabled").asBoolean()).isFalse();
        assertThat(now.get("disabledReason").asString()).contains("4 attempts").contains("answered 503");
        assertThat(Receiver.TRUSTED.received(name)).hasSize(4);
    }

    @Test
    void anotherUsersEndpointIsNotFoundAndItsSecretIsShownOnlyOnCreationAndRotation() {
        String owner = Api.newUser("owner");
        JsonNode endpoint = registered(owner, Receiver.TRUSTED.receiver("mine-" + UUID.randomUUID(), 200), "all");
        String path = "/api/v1/webhooks/" + endpoint.get("id").asString();

        assertThat(api().get(Api.newUser("stranger"), path).status()).isEqualTo(404);
        assertThat(api().get(owner, path).json().has("secret")).isFalse();
        JsonNode rotated = post(owner, path + "/rotate-secret", "").json();
        assertThat(rotated.get("secret").asString())
                .startsWith("whsec_")
                .isNotEqualTo(endpoint.get("secret").asString());
        assertThat(api().send(HttpRequest.newBuilder(api().uri(path))
                                .header("Authorization", "Bearer " + Api.token(owner))
                                .DELETE())
                        .status())
                .isEqualTo(204);
        assertThat(api().get(owner, path).status()).isEqualTo(404);
    }

    @Test
    void onlyTheWebhookStageKeepsTheRecordsBehindAFailedOneInsteadOfSeekingBack() {
        // what keeps a hanging endpoint's skipped deliveries from re-fetching the partition, whatever the load
        assertThat(seeksAfterError(Access.WEBHOOK_GROUP)).isFalse();
        assertThat(seeksAfterError(Access.WEBHOOK_EVENTS_GROUP)).isTrue();
    }

    @Test
    void aHangingEndpointDoesNotDelayAnotherEndpointsDeliveryByMoreThanASecond() {
        String hangingUser = Api.newUser("hanging");
        String hanging = "hanging-" + UUID.randomUUID();
        JsonNode stuck = registered(hangingUser, Receiver.TRUSTED.receiver(hanging), "terminal");
        // the other endpoint shares the hanging one's partition of pipeline.webhook: right behind it in line
        String otherUser = null;
        String name = null;
        JsonNode live = null;
        for (int tries = 0; tries < 200 && (live == null || partition(live) != partition(stuck)); tries++) {
            otherUser = Api.newUser("patient");
            name = "patient-" + UUID.randomUUID();
            live = registered(otherUser, Receiver.TRUSTED.receiver(name, 200), "terminal");
        }
        assertThat(partition(live)).isEqualTo(partition(stuck));
        String other = name;
        Duration alone = latency(otherUser, other, 1);

        List<UUID> hangingGenerations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hangingGenerations.add(api().submitValid(hangingUser, "nobody answers " + i));
        }
        UUID patient = api().submitValid(otherUser, "behind a hang");
        hangingGenerations.forEach(id -> lifecycle.publish(completed(id)));
        await().atMost(DELIVERED).until(() -> Receiver.TRUSTED.received(hanging), got -> !got.isEmpty());
        Instant published = Instant.now();
        lifecycle.publish(completed(patient));
        Receiver.Received delivered = await().atMost(DELIVERED)
                .until(() -> Receiver.TRUSTED.received(other), got -> got.size() == 2)
                .get(1);
        Duration behindTheHang = Duration.between(published, delivered.at());

        assertThat(behindTheHang).as("alone it took %s", alone).isLessThan(alone.plusSeconds(1));
    }

    private boolean seeksAfterError(String listenerId) {
        AbstractMessageListenerContainer<?, ?> container =
                (AbstractMessageListenerContainer<?, ?>) listeners.getListenerContainer(listenerId);
        assertThat(container).as(listenerId).isNotNull();
        return container.getCommonErrorHandler().seeksAfterHandling();
    }

    /** The time from a completion to its delivery at {@code name}, whose {@code count}-th delivery it is. */
    private Duration latency(String user, String name, int count) {
        UUID generation = api().submitValid(user, "warm-up");
        Instant published = Instant.now();
        lifecycle.publish(completed(generation));
        Receiver.Received delivered = await().atMost(DELIVERED)
                .until(() -> Receiver.TRUSTED.received(name), got -> got.size() == count)
                .get(count - 1);
        return Duration.between(published, delivered.at());
    }

    private int partition(JsonNode endpoint) {
        byte[] key = Topics.webhookKey(UUID.fromString(endpoint.get("id").asString()))
                .getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key))
                % kafka.partitionsFor(Topics.WEBHOOK).size();
    }

    private JsonNode registered(String user, String url, String events) {
        Api.Response response = register(user, url, events);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private Api.Response register(String user, String url, String events) {
        return post(user, "/api/v1/webhooks", "{\"url\": \"" + url + "\", \"events\": \"" + events + "\"}");
    }

    private Api.Response post(String user, String path, String json) {
        return api().send(HttpRequest.newBuilder(api().uri(path))
                .header("Authorization", "Bearer " + Api.token(user))
                .header("Content-Type", "application/json")
                .POST(
                        json.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode deliveries(String user, JsonNode endpoint) {
        return api().get(user, "/api/v1/webhooks/" + endpoint.get("id").asString() + "/deliveries")
                .json()
                .get("items");
    }

    private static String status(JsonNode deliveries, int index) {
        return deliveries.size() > index ? deliveries.get(index).get("status").asString() : null;
    }

    private static GenerationCompleted completed(UUID id) {
        return GenerationCompleted.of(
                id, Instant.now(), List.of(new StoredImage(0, id + "/0.png", "image/png", 1234, 1024, 1024)));
    }

    /** The receiver's side of the Standard Webhooks spec, written from the spec: not the sender's code. */
    static final class StandardWebhooks {

        static boolean verifies(Receiver.Received delivery, String secret) {
            try {
                byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                String signed = delivery.webhookId() + "." + delivery.timestamp() + "." + delivery.body();
                byte[] expected = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
                return Arrays.stream(delivery.signature().split(" "))
                        .filter(candidate -> candidate.startsWith("v1,"))
                        .map(candidate -> Base64.getDecoder().decode(candidate.substring(3)))
                        .anyMatch(candidate -> java.security.MessageDigest.isEqual(candidate, expected));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
