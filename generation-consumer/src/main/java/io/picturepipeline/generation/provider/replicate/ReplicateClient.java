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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replicate's predictions API over {@link HttpClient}: {@code POST /v1/models/{owner}/{name}/predictions},
 * created in sync mode when asked ({@code Prefer: wait=<n>}: a fast model's answer is already the result), blocking
 * ({@link #create}) or not ({@link #createAsync}),
 * {@code GET /v1/predictions/{id}} (asynchronous: a poll holds no thread while it waits) and
 * {@code POST /v1/predictions/{id}/cancel}. No retries here: see the provider decorator.
 */
public final class ReplicateClient implements ImageProvider, AutoCloseable {

    public static final String NAME = "replicate";
    /** Pages of the prediction list read when looking for a lost create (100 predictions a page, newest first). */
    public static final int RECONCILE_PAGES = 5;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PREDICTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final String baseUrl;
    private final String authorization;
    private final Duration requestTimeout;
    private final Duration pollTimeout;
    private final long syncWaitSeconds;
    private final String cancelAfter;
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
        this.syncWaitSeconds = settings.syncWaitSeconds();
        this.cancelAfter = settings.cancelAfter().isZero() ? null : GoDuration.of(settings.cancelAfter());
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

    /** Reads a prediction as Replicate sends it (a create or poll answer, a webhook body). */
    public static Prediction parsePrediction(String body) {
        return PredictionJson.parse(body);
    }

    /** The {@code id} of a prediction's JSON, or {@code null}; nothing else of it is read. */
    public static String predictionIdOf(String body) {
        return JSON.readTree(body).path("id").asString(null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Prediction create(GenerationRequest request) {
        return PredictionJson.parse(send("create", createRequest(request)));
    }

    /** The same call as {@link #create}; the answer completes on the HTTP client's threads, holding none meanwhile. */
    @Override
    public CompletableFuture<Prediction> createAsync(GenerationRequest request) {
        HttpRequest httpRequest;
        try {
            httpRequest = createRequest(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(failure("create", unwrap(error)));
                    }
                    return PredictionJson.parse(successBody("create", response));
                });
    }

    private HttpRequest createRequest(GenerationRequest request) {
        String model = request.parameters().model();
        ModelSpec spec = ModelCatalogue.find(model)
                .orElseThrow(() -> new ProviderRejectedException(0, "unknown model " + model));
        ObjectNode body = JSON.createObjectNode();
        ObjectNode input = JSON.valueToTree(ReplicateInputs.of(spec, request.parameters()));
        GenerationMarks.markInput(input, request.generationId());
        body.set("input", input);
        if (request.webhook() != null) {
            body.put("webhook", GenerationMarks.markWebhook(request.webhook().toString(), request.generationId()));
            // start, output and logs carry the progress clients see (Replicate sends output and logs at most every
            // 500 ms); completed is the result
            body.putArray("webhook_events_filter")
                    .add("start")
                    .add("output")
                    .add("logs")
                    .add("completed");
        }
        HttpRequest.Builder httpRequest = request("/v1/models/" + spec.id() + "/predictions", requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (syncWaitSeconds > 0 && request.syncMode()) {
            // sync mode: the answer comes when the prediction ends or the wait runs out, whichever is first
            httpRequest.header("Prefer", "wait=" + syncWaitSeconds);
        }
        if (cancelAfter != null) {
            // the deadline: Replicate cancels the prediction (or aborts it, not yet started) when it outlasts this
            httpRequest.header("Cancel-After", cancelAfter);
        }
        return httpRequest.build();
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

    /**
     * Pages through {@code GET /v1/predictions} (newest first; {@code created_after} narrows it where supported),
     * following {@code next} on Replicate's own host only, until a page reaches back past {@code since}, for a
     * prediction {@link GenerationMarks} ties to the generation.
     */
    @Override
    public Optional<Prediction> findCreated(UUID generationId, Instant since) {
        String marker = generationId.toString();
        String url = baseUrl + "/v1/predictions?created_after="
                + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8);
        for (int page = 0; page < RECONCILE_PAGES && url != null; page++) {
            HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(url))
                    .timeout(pollTimeout)
                    .header("Authorization", authorization)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            JsonNode list = JSON.readTree(send("list", httpRequest));
            boolean pastSince = false;
            for (JsonNode prediction : list.path("results")) {
                if (GenerationMarks.marks(prediction, marker)) {
                    return Optional.of(PredictionJson.parse(prediction.toString()));
                }
                pastSince |= createdBefore(prediction, since);
            }
            url = pastSince ? null : sameHost(list.path("next").asString(null));
        }
        return Optional.empty();
    }

    private static boolean createdBefore(JsonNode prediction, Instant since) {
        try {
            return Instant.parse(prediction.path("created_at").asString("")).isBefore(since);
        } catch (java.time.format.DateTimeParseException unreadable) {
            return false;
        }
    }

    private String sameHost(String next) {
        if (next == null || next.isBlank()) {
            return null;
        }
        URI nextUri = URI.create(next);
        URI base = URI.create(baseUrl);
        return base.getScheme().equals(nextUri.getScheme())
                        && base.getAuthority().equals(nextUri.getAuthority())
                ? next
                : null;
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
