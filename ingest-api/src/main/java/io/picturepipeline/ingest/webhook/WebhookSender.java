package io.picturepipeline.ingest.webhook;

import io.picturepipeline.ingest.IngestSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * One signed POST to an endpoint, bounded in time (connect and answer within the attempt's timeout) and in size (an
 * {@link Excerpt} of the answer). No proxy, so the address the SSRF guard checked is the one connected to; redirects
 * are never followed (a 3xx is a failed attempt, as Standard Webhooks senders do).
 */
@Component
class WebhookSender {

    static final String USER_AGENT = "picture-pipeline-webhooks/1";

    /** What the endpoint answered. */
    record Answer(int status, String excerpt) {

        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final int maxResponseBytes;

    WebhookSender(IngestSettings settings) {
        this.maxResponseBytes = settings.webhooks().maxResponseBytes();
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(settings.webhooks().retryTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Throws {@link TimeoutException} when no answer came within {@code timeout}, {@link IOException} when none can. */
    Answer post(URI uri, String webhookId, long timestamp, String signature, byte[] body, Duration timeout)
            throws IOException, TimeoutException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("webhook-id", webhookId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException unusable) {
            throw new IOException("cannot request " + uri.getScheme() + "://" + uri.getRawAuthority(), unusable);
        }
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, Excerpt.upTo(maxResponseBytes));
        try {
            HttpResponse<String> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException timedOut) {
                TimeoutException timeoutException = new TimeoutException(timedOut.getMessage());
                timeoutException.initCause(timedOut);
                throw timeoutException;
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
