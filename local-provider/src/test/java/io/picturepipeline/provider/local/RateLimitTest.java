package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicate's per-account rate limits: creates and other calls each a token bucket per API token. */
class RateLimitTest {

    private LocalProvider provider;

    @BeforeEach
    void start() {
        provider = LocalProvider.start(LocalProviderSettings.defaults()
                .withLatency(Duration.ZERO)
                // long enough a period that a loaded machine still sends the whole burst before a token comes back
                .withRateLimits(new RateLimits(3, 5, Duration.ofSeconds(10))));
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void createsBeyondTheAccountsLimitAreThrottledLikeReplicateUntilItRefills() {
        ProviderClient client = new ProviderClient(provider.baseUrl(), "account-a");
        for (int i = 0; i < 3; i++) {
            assertThat(client.send("POST", "/v1/predictions", body("burst " + i))
                            .status())
                    .isEqualTo(201);
        }

        ProviderClient.Response throttled = client.send("POST", "/v1/predictions", body("one too many"));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("detail").asString())
                .matches("Request was throttled\\. Your rate limit resets in ~\\d+s\\.");
        assertThat(throttled.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 4L));
        assertThat(provider.stats().rateLimited()).isEqualTo(1);
        assertThat(provider.stats().created()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> client.send("POST", "/v1/predictions", body("after the refill"))
                                .status()
                        == 201);
    }

    @Test
    void otherCallsHaveTheirOwnLimitAndEveryAccountItsOwnBuckets() {
        ProviderClient first = new ProviderClient(provider.baseUrl(), "account-a");
        ProviderClient second = new ProviderClient(provider.baseUrl(), "account-b");
        for (int i = 0; i < 5; i++) {
            assertThat(first.get("/v1/predictions").status()).isEqualTo(200);
        }

        assertThat(first.get("/v1/predictions").status()).isEqualTo(429);
        assertThat(first.send("POST", "/v1/predictions", body("creates are counted apart"))
                        .status())
                .isEqualTo(201);
        assertThat(second.get("/v1/predictions").status()).isEqualTo(200);
        assertThat(provider.stats().rateLimited()).isEqualTo(1);
    }

    private static String body(String prompt) {
        return ProviderClient.body("owner/model", ProviderClient.input(prompt)).toString();
    }
}
