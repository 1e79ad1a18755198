package io.picturepipeline.provider.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** POSTs one signed webhook with {@code sendAsync}; non-2xx answers and errors are retried with backoff. */
final class WebhookSender {

    static final int MAX_ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final HttpClient client;
    private final WebhookSigner signer;
    private final Scheduler scheduler;
    private final Counters counters;

    WebhookSender(HttpClient client, WebhookSigner signer, Scheduler scheduler, Counters counters) {
        this.client = client;
        this.signer = signer;
        this.scheduler = scheduler;
        this.counters = counters;
    }

    void send(URI url, String webhookId, byte[] body) {
        deliver(url, webhookId, body, 1);
    }

    private void deliver(URI url, String webhookId, byte[] body, int attempt) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "local-provider-webhook")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signer.sign(webhookId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                counters.webhookDeliveries.increment();
                return;
            }
            counters.webhookFailures.increment();
            if (attempt < MAX_ATTEMPTS) {
                Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
                scheduler.after(backoff, () -> deliver(url, webhookId, body, attempt + 1));
            }
        });
    }
}
