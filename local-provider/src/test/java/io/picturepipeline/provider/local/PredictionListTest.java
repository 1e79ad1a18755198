package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/predictions} as Replicate pages it: newest first, 100 a page, cursor URLs both ways. */
class PredictionListTest {

    @Test
    void pagesOfAHundredNewestFirstLinkedByNextAndPrevious() {
        MutableClock clock = new MutableClock();
        try (LocalProvider provider =
                LocalProvider.start(LocalProviderSettings.defaults().withClock(clock))) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            List<String> created = createMany(client, clock, 205);
            List<String> newestFirst = new ArrayList<>(created);
            Collections.reverse(newestFirst);

            JsonNode first = client.get("/v1/predictions").json();
            JsonNode second = client.get(first.path("next").asString()).json();
            JsonNode third = client.get(second.path("next").asString()).json();

            assertThat(first.path("previous").isNull()).isTrue();
            assertThat(first.path("next").asString()).startsWith(provider.baseUrl() + "/v1/predictions?cursor=");
            assertThat(third.path("next").isNull()).isTrue();
            List<String> listed = new ArrayList<>();
            for (JsonNode page : List.of(first, second, third)) {
                page.path("results").forEach(item -> listed.add(item.path("id").asString()));
            }
            assertThat(ids(first)).hasSize(100);
            assertThat(ids(second)).hasSize(100);
            assertThat(listed).containsExactlyElementsOf(newestFirst);

            assertThat(ids(client.get(third.path("previous").asString()).json()))
                    .isEqualTo(ids(second));
            JsonNode backToFirst =
                    client.get(second.path("previous").asString()).json();
            assertThat(ids(backToFirst)).isEqualTo(ids(first));
            assertThat(backToFirst.path("previous").isNull()).isTrue();
        }
    }

    @Test
    void eachItemIsTheWholePredictionWithItsWebhook() {
        try (LocalProvider provider =
                LocalProvider.start(LocalProviderSettings.defaults().withLatency(Duration.ofMinutes(5)))) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            String webhook =
                    "https://pipeline.example/webhooks/replicate?generation=0b6f0b1e-6a44-4a43-9a70-3f3c1b8f2d10";
            String body = ProviderClient.body("black-forest-labs/flux-schnell", ProviderClient.input("hooked"))
                    .put("webhook", webhook)
                    .toString();
            String id = client.send("POST", "/v1/predictions", body)
                    .json()
                    .path("id")
                    .asString();
            client.create(ProviderClient.input("no hook"));

            JsonNode page = client.get("/v1/predictions").json();

            JsonNode hooked = page.path("results").get(1);
            assertThat(hooked.path("id").asString()).isEqualTo(id);
            assertThat(hooked.path("webhook").asString()).isEqualTo(webhook);
            assertThat(hooked.path("webhook_events_filter").toString()).isEqualTo("[\"output\",\"completed\"]");
            assertThat(hooked.path("status").asString()).isEqualTo("starting");
            assertThat(hooked.path("created_at").asString()).isNotEmpty();
            assertThat(hooked.path("urls").path("get").asString()).endsWith("/v1/predictions/" + id);
            assertThat(hooked.path("model").asString()).isEqualTo("black-forest-labs/flux-schnell");
            assertThat(page.path("results").get(0).has("webhook")).isFalse();
        }
    }

    @Test
    void createdAfterAndBeforeFilterTheListAndStayInItsLinks() {
        MutableClock clock = new MutableClock();
        try (LocalProvider provider =
                LocalProvider.start(LocalProviderSettings.defaults().withClock(clock))) {
            ProviderClient client = new ProviderClient(provider.baseUrl());
            List<String> created = createMany(client, clock, 150); // one a second from 12:00:00
            String after = "2030-01-01T12:00:10Z";
            String before = "2030-01-01T12:02:00Z"; // 120 s: ids 10..119

            JsonNode first = client.get(
                            "/v1/predictions?created_after=" + encode(after) + "&created_before=" + encode(before))
                    .json();
            JsonNode second = client.get(first.path("next").asString()).json();

            assertThat(first.path("next").asString()).contains("created_after=", "created_before=");
            assertThat(ids(first)).hasSize(100).first().isEqualTo(created.get(119));
            assertThat(ids(second)).hasSize(10).last().isEqualTo(created.get(10));
            assertThat(second.path("next").isNull()).isTrue();
            assertThat(ids(client.get("/v1/predictions?source=web").json())).isEmpty();
        }
    }

    @Test
    void aCursorThatIsNotOneOfOursIsA400() {
        try (LocalProvider provider = LocalProvider.start()) {
            ProviderClient client = new ProviderClient(provider.baseUrl());

            assertThat(client.get("/v1/predictions?cursor=bm9wZQ").status()).isEqualTo(400);
            assertThat(client.get("/v1/predictions?created_after=yesterday").status())
                    .isEqualTo(422);
        }
    }

    private static List<String> createMany(ProviderClient client, MutableClock clock, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(client.create(ProviderClient.input("p" + i)).path("id").asString());
            clock.advance(Duration.ofSeconds(1));
        }
        return ids;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("results").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
