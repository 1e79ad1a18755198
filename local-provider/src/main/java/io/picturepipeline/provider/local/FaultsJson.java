package io.picturepipeline.provider.local;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code /admin/faults} JSON form of {@link Faults}; durations are ISO-8601 strings like {@code "PT2S"}. */
final class FaultsJson {

    private static final Set<String> FIELDS = Set.of(
            "latency",
            "latencyJitter",
            "errorRates",
            "rateLimitRate",
            "retryAfterSeconds",
            "permanentFailureRate",
            "hangRate",
            "slowBodyBytesPerSecond",
            "oversizedBodyBytes",
            "endlessBody");

    private FaultsJson() {}

    static ObjectNode write(Faults faults) {
        ObjectNode json = Json.object();
        json.put("latency", faults.latency() == null ? null : faults.latency().toString());
        json.put("latencyJitter", faults.latencyJitter().toString());
        ObjectNode rates = json.putObject("errorRates");
        new TreeMap<>(faults.errorRates()).forEach((status, rate) -> rates.put(status.toString(), rate));
        json.put("rateLimitRate", faults.rateLimitRate());
        json.put("retryAfterSeconds", faults.retryAfterSeconds());
        json.put("permanentFailureRate", faults.permanentFailureRate());
        json.put("hangRate", faults.hangRate());
        json.put("slowBodyBytesPerSecond", faults.slowBodyBytesPerSecond());
        json.put("oversizedBodyBytes", faults.oversizedBodyBytes());
        json.put("endlessBody", faults.endlessBody());
        return json;
    }

    /** Fields present in {@code json} override {@code base}; unknown fields and invalid values are a 422. */
    static Faults read(ObjectNode json, Faults base) {
        json.propertyNames().stream()
                .filter(name -> !FIELDS.contains(name))
                .findFirst()
                .ifPresent(name -> {
                    throw ApiException.invalid("Unknown fault field '" + name + "'; known: " + FIELDS);
                });
        try {
            return new Faults(
                    json.has("latency") ? duration(json.get("latency"), base.latency()) : base.latency(),
                    json.has("latencyJitter") ? duration(json.get("latencyJitter"), null) : base.latencyJitter(),
                    json.has("errorRates") ? errorRates(json.get("errorRates")) : base.errorRates(),
                    number(json, "rateLimitRate", base.rateLimitRate()),
                    (int) number(json, "retryAfterSeconds", base.retryAfterSeconds()),
                    number(json, "permanentFailureRate", base.permanentFailureRate()),
                    number(json, "hangRate", base.hangRate()),
                    (long) number(json, "slowBodyBytesPerSecond", base.slowBodyBytesPerSecond()),
                    (long) number(json, "oversizedBodyBytes", base.oversizedBodyBytes()),
                    json.has("endlessBody") ? json.get("endlessBody").asBoolean() : base.endlessBody());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }

    private static Duration duration(JsonNode node, Duration ifNull) {
        if (node.isNull()) {
            return ifNull;
        }
        try {
            return Duration.parse(node.asString());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("Durations must be ISO-8601 like \"PT2S\": " + node);
        }
    }

    private static Map<Integer, Double> errorRates(JsonNode node) {
        if (!node.isObject()) {
            throw ApiException.invalid("errorRates must be an object like {\"503\": 0.5}");
        }
        Map<Integer, Double> rates = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getKey().matches("\\d{3}") || !entry.getValue().isNumber()) {
                throw ApiException.invalid("errorRates must map HTTP statuses to rates: " + entry);
            }
            rates.put(Integer.parseInt(entry.getKey()), entry.getValue().asDouble());
        }
        return rates;
    }

    private static double number(JsonNode json, String name, double fallback) {
        JsonNode node = json.get(name);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw ApiException.invalid(name + " must be a number");
        }
        return node.asDouble();
    }
}
