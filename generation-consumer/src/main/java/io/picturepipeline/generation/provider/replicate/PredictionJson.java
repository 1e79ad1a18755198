package io.picturepipeline.generation.provider.replicate;

import io.picturepipeline.generation.provider.Prediction;
import io.picturepipeline.generation.provider.PredictionStatus;
import io.picturepipeline.generation.provider.ProviderUnavailableException;
import io.picturepipeline.generation.provider.ProviderUnavailableException.Kind;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads Replicate's prediction JSON. */
final class PredictionJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PredictionJson() {}

    static Prediction parse(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            throw unreadable("not JSON", e);
        }
        String id = json.path("id").asString("");
        String status = json.path("status").asString("");
        if (id.isBlank() || status.isBlank()) {
            throw unreadable("no id or status", null);
        }
        PredictionStatus parsed;
        try {
            parsed = PredictionStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw unreadable("unknown status " + status, e);
        }
        int progress = parsed == PredictionStatus.SUCCEEDED
                ? 100
                : ProgressLogs.percent(json.path("logs").asString(""));
        return new Prediction(id, parsed, progress, outputs(json.get("output")), error(json.get("error")));
    }

    /** Output is a URL, a list of URLs, or (for some models) an object; URLs are collected in order. */
    private static List<String> outputs(JsonNode output) {
        List<String> urls = new ArrayList<>();
        collect(output, urls);
        return urls;
    }

    private static void collect(JsonNode node, List<String> urls) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isString()) {
            String value = node.asString();
            if (value.startsWith("http://") || value.startsWith("https://")) {
                urls.add(value);
            }
        } else if (node.isArray() || node.isObject()) {
            for (JsonNode child : node) {
                collect(child, urls);
            }
        }
    }

    private static String error(JsonNode error) {
        if (error == null || error.isNull()) {
            return null;
        }
        return error.isString() ? error.asString() : error.toString();
    }

    private static ProviderUnavailableException unreadable(String why, Throwable cause) {
        return new ProviderUnavailableException(
                Kind.SERVER_ERROR, 0, "unreadable prediction from Replicate: " + why, null, cause);
    }
}
