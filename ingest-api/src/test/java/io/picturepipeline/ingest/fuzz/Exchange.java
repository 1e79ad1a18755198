package io.picturepipeline.ingest.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Sends an {@link Attempt} and keeps what came back. An event stream that opened (200, {@code text/event-stream}) is
 * closed after its headers: its body never ends by itself.
 */
record Exchange(
        Attempt attempt, int status, @Nullable String contentType, java.net.http.HttpHeaders headers, byte[] body) {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    boolean stream() {
        return status == 200 && contentType != null && contentType.startsWith("text/event-stream");
    }

    /** Empty when the JDK's client refuses to send it (a header value it does not allow). */
    static Optional<Exchange> send(String base, Attempt attempt) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + attempt.target()))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            attempt.operation().method(),
                            attempt.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
            attempt.headers().forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            byte[] body;
            try (InputStream in = response.body()) {
                boolean opened = response.statusCode() == 200
                        && contentType != null
                        && contentType.startsWith("text/event-stream");
                body = opened ? new byte[0] : in.readAllBytes();
            }
            return Optional.of(new Exchange(attempt, response.statusCode(), contentType, response.headers(), body));
        } catch (IOException e) {
            // no HTTP answer at all (the connection was closed or reset): status 0, a finding of its own
            return Optional.of(new Exchange(
                    attempt,
                    0,
                    null,
                    java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true),
                    String.valueOf(e).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
