package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A minimal Replicate-style HTTP client for the tests. */
final class ProviderClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An HTTP answer. */
    record Response(int status, HttpHeaders headers, byte[] body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String token;

    ProviderClient(String baseUrl) {
        this(baseUrl, "test-token");
    }

    ProviderClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    static ObjectNode input(String prompt) {
        return JSON.createObjectNode().put("prompt", prompt);
    }

    static ObjectNode body(String version, ObjectNode input) {
        ObjectNode body = JSON.createObjectNode().put("version", version);
        body.set("input", input);
        return body;
    }

    /** Creates through {@code POST /v1/predictions} and asserts the 201. */
    JsonNode create(ObjectNode input) {
        Response response = send(
                "POST",
                "/v1/predictions",
                body("black-forest-labs/flux-schnell", input).toString());
        assertThat(response.status()).as(new String(response.body())).isEqualTo(201);
        return response.json();
    }

    JsonNode awaitStatus(String id, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    last.set(send("GET", "/v1/predictions/" + id, null).json());
                    return status.equals(last.get().path("status").asString());
                });
        return last.get();
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response send(String method, String path, String body) {
        return send(request(method, path, body).build());
    }

    HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return body == null ? request : request.header("Content-Type", "application/json");
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }
}
