package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Replicate prediction operations behind {@link ApiHandler}'s routing, auth and fault injection. */
final class PredictionEndpoints {

    private final PredictionFactory factory;
    private final PredictionStore store;
    private final WebhookDispatcher webhooks;
    private final SyncWaiter syncWaiter;
    private final Counters counters;
    private final InstantSource clock;
    private final String fallbackBaseUrl;
    private final String webhookSecret;

    PredictionEndpoints(
            PredictionFactory factory,
            PredictionStore store,
            WebhookDispatcher webhooks,
            SyncWaiter syncWaiter,
            Counters counters,
            InstantSource clock,
            String fallbackBaseUrl,
            String webhookSecret) {
        this.factory = factory;
        this.store = store;
        this.webhooks = webhooks;
        this.syncWaiter = syncWaiter;
        this.counters = counters;
        this.clock = clock;
        this.fallbackBaseUrl = fallbackBaseUrl;
        this.webhookSecret = webhookSecret;
    }

    /** {@code modelFromPath} is null for {@code POST /v1/predictions}, where the body names the version. */
    void create(HttpExchange exchange, ModelRef modelFromPath) throws IOException {
        ObjectNode body = Json.parseObject(HttpIo.readBody(exchange));
        ModelRef model = modelFromPath != null ? modelFromPath : versionFrom(body);
        Duration wait = PreferWait.parse(exchange.getRequestHeaders().getFirst("Prefer"));
        Duration cancelAfter = CancelAfter.parse(exchange.getRequestHeaders().getFirst("Cancel-After"));
        Prediction prediction = factory.create(body, model, HttpIo.baseUrl(exchange, fallbackBaseUrl), cancelAfter);
        store.add(prediction);
        counters.created.increment();
        webhooks.register(prediction);
        exchange.getResponseHeaders().set("Location", prediction.baseUrl + "/v1/predictions/" + prediction.id);
        if (wait == null) {
            HttpIo.sendJson(exchange, 201, PredictionJson.renderCreated(prediction));
        } else {
            syncWaiter.answerWhenEnded(exchange, prediction, wait);
        }
    }

    void get(HttpExchange exchange, String id) throws IOException {
        Prediction prediction = store.find(id).orElseThrow(ApiException::notFound);
        HttpIo.sendJson(exchange, 200, PredictionJson.render(prediction, clock.instant()));
    }

    void cancel(HttpExchange exchange, String id) throws IOException {
        Prediction prediction = store.find(id).orElseThrow(ApiException::notFound);
        Instant now = clock.instant();
        if (prediction.cancel(now)) {
            webhooks.canceled(prediction);
        }
        HttpIo.sendJson(exchange, 200, PredictionJson.render(prediction, now));
    }

    void list(HttpExchange exchange) throws IOException {
        HttpIo.sendJson(
                exchange,
                200,
                PredictionList.page(
                        store,
                        exchange.getRequestURI().getRawQuery(),
                        HttpIo.baseUrl(exchange, fallbackBaseUrl),
                        clock.instant()));
    }

    /** Replicate's {@code GET /v1/models/{owner}/{name}} for the models of the catalogue. */
    void model(HttpExchange exchange, String ownerAndName) throws IOException {
        String[] parts = ownerAndName.split("/", 2);
        HttpIo.sendJson(exchange, 200, ModelJson.find(parts[0], parts[1]).orElseThrow(ApiException::notFound));
    }

    /** Replicate's {@code GET /v1/webhooks/default/secret}: the key webhooks are signed with. */
    void webhookSecret(HttpExchange exchange) throws IOException {
        HttpIo.sendJson(exchange, 200, Json.object().put("key", webhookSecret));
    }

    private static ModelRef versionFrom(ObjectNode body) {
        JsonNode version = body.get("version");
        if (version == null || !version.isString() || version.asString().isBlank()) {
            throw ApiException.invalid("version is required");
        }
        return ModelRef.fromVersionField(version.asString().trim());
    }
}
