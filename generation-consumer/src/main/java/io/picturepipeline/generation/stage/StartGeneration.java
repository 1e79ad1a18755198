package io.picturepipeline.generation.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.prediction.InFlightLimit;
import io.picturepipeline.generation.prediction.PredictionRow;
import io.picturepipeline.generation.prediction.Predictions;
import io.picturepipeline.generation.prediction.WebhookDeliveries;
import io.picturepipeline.generation.provider.GenerationRequest;
import io.picturepipeline.generation.provider.ImageProvider;
import io.picturepipeline.generation.provider.ModelPace;
import io.picturepipeline.generation.provider.Prediction;
import io.picturepipeline.generation.provider.ProviderBudget;
import io.picturepipeline.retry.NonRetryableException;
import io.picturepipeline.retry.TransientException;
import io.picturepipeline.retry.TransientRetries;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts the prediction of one requested generation — once, whatever Kafka redelivers — and returns without
 * waiting for it: the poller awaits it.
 *
 * <ul>
 *   <li>A row with a prediction id means the prediction exists: nothing is created again. A {@code created} row (id
 *       recorded, {@code GenerationStarted} not confirmed) is announced and handed to the poller; any later state is
 *       the poller's already.
 *   <li>A new generation gets a {@code creating} row (its own transaction: the intent) before the create call goes
 *       out — in sync mode when the model's recent predictions ended within the wait ({@link ModelPace}), so a fast
 *       prediction is settled from the answer, without a webhook or a poll; without a wait for a slow model — then the
 *       provider's id, then {@code GenerationStarted}, then {@code running}. From the admission dispatcher the call
 *       holds no thread while the provider answers ({@link #startAsync}).
 *   <li><b>The creating window.</b> A {@code creating} row found on redelivery means a create call was cut short:
 *       the process died between the call and recording its answer, the call timed out, or a consumer that lost its
 *       partitions in a rebalance is still inside the call. The redelivery takes the row over with a new create
 *       token and looks the prediction up among the provider's recent ones by the generation id every create carries
 *       ({@link ImageProvider#findCreated}); only when there is none does it create again. A late answer of the
 *       superseded call cannot be recorded (token mismatch), and that caller cancels its prediction.
 *   <li><b>Failures.</b> A permanent create failure (400/401/403/404/422, unsupported input) is rethrown as the
 *       provider's {@link NonRetryableException}: the shared failure policy publishes {@code GenerationFailed}
 *       ({@code ProviderRejected}) and dead-letters the record at once, marked terminal (ops see it on
 *       {@code pipeline.generate-dlt}). A transient one (after the in-process retries) rethrows the
 *       {@link TransientException}: the record goes through the backoff tiers, then to the dead-letter topic,
 *       where it waits for ops to replay or resolve it. The {@code creating} row is dropped when the answer says no
 *       prediction exists, so a retry or a replay starts afresh; after a timeout without an answer it stays, so the
 *       retry looks for the prediction first.
 *   <li><b>Back-pressure.</b> When {@code max-in-flight} predictions are running, a new generation is not started:
 *       the listener pauses its consumer (a retry tier: the record's partition) and receives the record again
 *       later (see {@link GenerateListener}).
 * </ul>
 */
@Service
class StartGeneration {

    enum Outcome {
        /** A prediction was created for this generation now. */
        STARTED,
        /** The generation already has its prediction (a redelivery): nothing was created. */
        RESUMED,
        /** {@code max-in-flight} is reached: try again later. */
        DEFERRED
    }

    /** Counter of create calls, tagged {@code provider}, {@code model} and {@code mode} ({@code sync}/{@code async}). */
    public static final String CREATES = "pipeline.provider.creates";

    private static final Logger log = LoggerFactory.getLogger(StartGeneration.class);
    /** How far before the recorded intent the provider's clock may put the prediction it made. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final Predictions predictions;
    private final ImageProvider provider;
    private final InFlightLimit inFlight;
    private final GenerationSettings settings;
    private final Clock clock;
    private final ProviderBudget budget;
    private final ModelPace pace;
    private final MeterRegistry registry;
    private final CreateAnswers createAnswers;

    StartGeneration(
            Predictions predictions,
            ImageProvider provider,
            InFlightLimit inFlight,
            GenerationSettings settings,
            Clock clock,
            ProviderBudget budget,
            ModelPace pace,
            MeterRegistry registry,
            CreateAnswers createAnswers) {
        this.predictions = predictions;
        this.provider = provider;
        this.inFlight = inFlight;
        this.settings = settings;
        this.clock = clock;
        this.budget = budget;
        this.pace = pace;
        this.registry = registry;
        this.createAnswers = createAnswers;
    }

    /**
     * The listener's way (records of the retry tiers and replays): blocks for the create call. {@code queuedSince}:
     * when the record was written; an old one means the listeners are behind (no sync mode, which would hold this
     * thread for the wait).
     */
    Outcome start(GenerationRequested requested, Instant queuedSince) {
        boolean keepingUp = Duration.between(queuedSince, clock.instant()).compareTo(settings.syncModeMaxAge()) <= 0;
        Prepared prepared = prepare(requested, keepingUp);
        if (prepared.pending() == null) {
            return prepared.outcome();
        }
        Pending pending = prepared.pending();
        Prediction prediction;
        try {
            prediction = provider.create(pending.request());
        } catch (RuntimeException failed) {
            throw createAnswers.createFailed(pending, failed);
        }
        return createAnswers.created(pending, prediction);
    }

    /**
     * The admission dispatcher's way: everything before the create call on the caller's thread, then the call without
     * holding any thread while the provider answers — in sync mode when the model's recent predictions ended within
     * the wait ({@link ModelPace}), whatever the generation waited before — and the answer handled on
     * {@code answers}. Completes exceptionally with what {@link #start} would throw.
     */
    CompletableFuture<Outcome> startAsync(GenerationRequested requested, Executor answers) {
        Prepared prepared = prepare(requested, true);
        if (prepared.pending() == null) {
            return CompletableFuture.completedFuture(prepared.outcome());
        }
        Pending pending = prepared.pending();
        CompletableFuture<Prediction> answer;
        try {
            answer = provider.createAsync(pending.request());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handleAsync(
                (prediction, error) -> {
                    if (error != null) {
                        throw createAnswers.createFailed(
                                pending,
                                TransientRetries.unwrap(error) instanceof RuntimeException r
                                        ? r
                                        : new TransientException("create of " + pending.id() + " failed", error));
                    }
                    return createAnswers.created(pending, prediction);
                },
                answers);
    }

    /** A create call to make ({@code pending}), or what became of the generation without one ({@code outcome}). */
    private record Prepared(
            @Nullable Outcome outcome, @Nullable Pending pending) {

        static Prepared done(Outcome outcome) {
            return new Prepared(outcome, null);
        }
    }

    /** A create call about to go out for the intent recorded with {@code token}. */
    record Pending(GenerationRequest request, String model, UUID token) {

        UUID id() {
            return request.generationId();
        }
    }

    /**
     * Everything before the create call: the cancel check, a redelivery's row, the budget and the in-flight slot, the
     * intent. {@code syncAllowed}: whether the caller can afford sync mode at all (the model's pace decides the rest).
     */
    private Prepared prepare(GenerationRequested requested, boolean syncAllowed) {
        UUID id = requested.generationId();
        Predictions.Start known = predictions.findForStart(id);
        if (known.cancelled()) {
            log.info("generation {} was cancelled by its owner before it started: nothing is created", id);
            return Prepared.done(Outcome.RESUMED);
        }
        Optional<PredictionRow> existing = known.row();
        UUID token = UUID.randomUUID();
        if (existing.isPresent()) {
            PredictionRow row = existing.get();
            switch (row.state()) {
                case CREATED -> {
                    createAnswers.announce(id, row.provider(), row.predictionId());
                    return Prepared.done(Outcome.RESUMED);
                }
                case CREATING -> {
                    if (!predictions.takeOverCreate(id, row.createToken(), token)) {
                        throw new TransientException("generation " + id + " changed while being taken over", null);
                    }
                    Optional<Prediction> earlier =
                            provider.findCreated(id, row.createdAt().minus(CLOCK_SKEW));
                    if (earlier.isPresent()) {
                        log.warn(
                                "generation {}: an earlier create call was cut short, but made prediction {}: using it",
                                id,
                                earlier.get().id());
                        createAnswers.adopt(id, token, earlier.get());
                        return Prepared.done(Outcome.RESUMED);
                    }
                    if (!budget.tryCreate(id)) {
                        return Prepared.done(Outcome.DEFERRED);
                    }
                    log.warn(
                            "generation {}: an earlier create call was cut short (intent recorded {}) and the provider"
                                    + " has no prediction for it; creating it",
                            id,
                            row.createdAt());
                }
                default -> {
                    log.debug("generation {} already has prediction {} ({})", id, row.predictionId(), row.state());
                    return Prepared.done(Outcome.RESUMED);
                }
            }
        } else {
            // over the account's create budget: the record waits in Kafka for its turn (never dropped)
            if (!budget.tryCreate(id)) {
                return Prepared.done(Outcome.DEFERRED);
            }
            if (!inFlight.tryAdmit()) {
                return Prepared.done(Outcome.DEFERRED);
            }
            GenerationParameters p = requested.parameters();
            if (!predictions.insertCreating(
                    id, requested.owner(), provider.name(), p.model(), p.width(), p.height(), p.numOutputs(), token)) {
                throw new TransientException("generation " + id + " was inserted concurrently", null);
            }
        }
        String model = requested.parameters().model();
        boolean syncMode = syncAllowed && pace.syncMode(model);
        Counter.builder(CREATES)
                .description("Create calls sent, by whether they asked to wait for the prediction (sync mode)")
                .tag("provider", provider.name())
                .tag("model", model)
                .tag("mode", syncMode ? "sync" : "async")
                .register(registry)
                .increment();
        return new Prepared(
                null,
                new Pending(new GenerationRequest(id, requested.parameters(), webhook(), syncMode), model, token));
    }

    private URI webhook() {
        URI base = settings.webhookBaseUrl();
        if (base == null) {
            return null;
        }
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + WebhookDeliveries.PATH);
    }
}
