package io.picturepipeline.generation.provider.replicate;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.GenerationRequest;
import io.picturepipeline.generation.provider.ImageProvider;
import io.picturepipeline.generation.provider.Prediction;
import io.picturepipeline.generation.provider.ProviderRejectedException;
import io.picturepipeline.generation.provider.ProviderUnavailableException;
import io.picturepipeline.generation.provider.ProviderUnavailableException.Kind;
import io.picturepipeline.schemas.ModelCatalogue;
import io.picturepipeline.schemas.ModelSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replicate's predictions API over {@link HttpClient}: {@code POST /v1/models/{owner}/{name}/predictions},
 * {@code GET /v1/predictions/{id}} (asynchronous: a poll holds no thread while it waits) and
 * {@code POST /v1/predictions/{id}/cancel}. No retries here: see the provider decorator.
 */
public final class ReplicateClient implements ImageProvider, AutoCloseable {

    public static final String NAME = "replicate";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PREDICTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final String baseUrl;
    private final String authorization;
    private final Duration requestTimeout;
    private final Duration pollTimeout;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Clock clock;

    public ReplicateClient(GenerationSettings.Replicate settings) {
        this(settings, Clock.systemUTC());
    }

    ReplicateClient(GenerationSettings.Replicate settings, Clock clock) {
        String base = settings.baseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = "Bearer " + settings.apiToken();
        this.requestTimeout = settings.requestTimeout();
        this.pollTimeout = settings.pollTimeout();
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(settings.httpThreads(), runnable -> {
            Thread thread = new Thread(runnable, "replicate-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Prediction create(GenerationRequest request) {
        String model = request.parameters().model();
        ModelSpec spec = ModelCatalogue.find(model)
                .orElseThrow(() -> new ProviderRejectedException(0, "unknown model " + model));
        ObjectNode body = JSON.createObjectNode();
        body.set("input", JSON.valueToTree(ReplicateInputs.of(spec, request.parameters())));
        if (request.webhook() != null) {
            body.put("webhook", request.webhook().toString());
            body.putArray("webhook_events_filter").add("completed");
        }
        HttpRequest httpRequest = request("/v1/models/" + spec.id() + "/predictions", requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        return PredictionJson.parse(send("create", httpRequest));
    }

    @Override
    public CompletableFuture<Prediction> get(String predictionId) {
        HttpRequest httpRequest = request("/v1/predictions/" + checked(predictionId), pollTimeout)
                .GET()
                .build();
        return http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(failure("poll", unwrap(error)));
                    }
                    return PredictionJson.parse(successBody("poll", response));
                });
    }

    @Override
    public void cancel(String predictionId) {
        HttpRequest httpRequest = request("/v1/predictions/" + checked(predictionId) + "/cancel", pollTimeout)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        send("cancel", httpRequest);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private String send(String operation, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(Kind.CONNECTION, 0, "interrupted during " + operation, null, e);
        }
        return successBody(operation, response);
    }

    private String successBody(String operation, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        throw HttpErrors.forStatus(
                operation,
                status,
                response.headers().firstValue("Retry-After").orElse(null),
                response.body(),
                clock.instant());
    }

    private static RuntimeException failure(String operation, Throwable error) {
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        ProviderUnavailableException io = HttpErrors.forIo(operation, error);
        return io != null
                ? io
                : new ProviderUnavailableException(
                        Kind.CONNECTION, 0, "Replicate " + operation + " failed: " + error, null, error);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String checked(String predictionId) {
        if (predictionId == null || !PREDICTION_ID.matcher(predictionId).matches()) {
            throw new ProviderRejectedException(0, "not a Replicate prediction id: " + predictionId);
        }
        return predictionId;
    }
}
