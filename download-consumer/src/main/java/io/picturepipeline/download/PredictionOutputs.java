package io.picturepipeline.download;

import io.picturepipeline.retry.TransientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the provider for a prediction's current output URLs ({@code GET /v1/predictions/{id}}), for outputs whose URL
 * is gone. Empty when the outputs no longer exist: the prediction is unknown, its data was removed, or it has no
 * output. Provider trouble (5xx, 429, timeouts, a refused token) is transient: the record goes to the backoff tiers.
 */
final class PredictionOutputs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DownloadSettings.ReplicateApi api;
    private final HttpClient client;

    PredictionOutputs(DownloadSettings.ReplicateApi api, java.time.Duration connectTimeout) {
        this.api = api;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    boolean configured() {
        return api.configured();
    }

    Optional<List<String>> current(String predictionId) {
        URI uri = api.baseUrl().resolve("/v1/predictions/" + predictionId);
        HttpResponse<byte[]> response;
        try {
            response = client.send(
                    HttpRequest.newBuilder(uri)
                            .GET()
                            .timeout(api.timeout())
                            .header("Authorization", "Bearer " + api.apiToken())
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TransientException("asking the provider for prediction " + predictionId + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while asking the provider for prediction " + predictionId, e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new TransientException(
                    "the provider answered " + status + " for prediction " + predictionId, null, null);
        }
        JsonNode prediction;
        try {
            prediction = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new TransientException("the provider's prediction " + predictionId + " is not JSON", e);
        }
        if (prediction.path("data_removed").asBoolean(false)
                || !"succeeded".equals(prediction.path("status").asString(""))) {
            return Optional.empty();
        }
        JsonNode output = prediction.path("output");
        List<String> urls = new ArrayList<>();
        if (output.isString()) {
            urls.add(output.asString());
        } else if (output.isArray()) {
            output.forEach(url -> urls.add(url.asString("")));
        }
        return urls.isEmpty() || urls.contains("") ? Optional.empty() : Optional.of(List.copyOf(urls));
    }
}
