package io.picturepipeline.generation.prediction;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.ImageProvider;
import io.picturepipeline.generation.provider.ModelPace;
import io.picturepipeline.generation.provider.Prediction;
import io.picturepipeline.generation.provider.PredictionStatus;
import io.picturepipeline.generation.provider.ProviderBudget;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Awaits every running prediction without a thread per prediction: each tick claims the due rows (a lease, so
 * several instances share the work and a dead instance's rows come back after the lease), fires an asynchronous GET
 * per row — at most {@code max-concurrent-polls} at once, a semaphore rather than threads — and hands each answer to
 * {@code poll-workers} threads. Thousands of predictions in flight cost rows, not threads or partitions.
 */
@Component
class PredictionPoller implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PredictionPoller.class);

    private final PollQueue pollQueue;
    private final ImageProvider provider;
    private final PollResultHandler handler;
    private final InFlightLimit inFlight;
    private final GenerationSettings settings;
    private final ProviderBudget budget;
    private final ModelPace pace;
    private final Clock clock;
    private final Semaphore polls;
    private final ExecutorService workers;

    PredictionPoller(
            PollQueue pollQueue,
            ImageProvider provider,
            PollResultHandler handler,
            InFlightLimit inFlight,
            GenerationSettings settings,
            ProviderBudget budget,
            ModelPace pace,
            Clock clock) {
        this.budget = budget;
        this.pace = pace;
        this.clock = clock;
        this.pollQueue = pollQueue;
        this.provider = provider;
        this.handler = handler;
        this.inFlight = inFlight;
        this.settings = settings;
        this.polls = new Semaphore(settings.maxConcurrentPolls());
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.pollWorkers(), runnable -> {
            Thread thread = new Thread(runnable, "generation-poll-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(fixedDelayString = "${pipeline.generation.poll-tick:250ms}")
    void tick() {
        try {
            inFlight.refresh();
            int free = polls.availablePermits();
            if (free == 0) {
                return;
            }
            List<PollQueue.Claimed> due = pollQueue.claimDue(
                    Math.min(free, settings.pollBatch()), settings.lease(), settings.maxPollDuration());
            int allowed = budget.tryCalls(due.size());
            for (int i = 0; i < due.size(); i++) {
                if (i >= allowed) {
                    // over the account's budget: stays due for a later tick
                    pollQueue.release(due.get(i).row().generationId());
                    continue;
                }
                polls.acquireUninterruptibly();
                poll(due.get(i));
            }
        } catch (RuntimeException e) {
            log.warn("poll tick failed; next tick tries again", e);
        }
    }

    private void poll(PollQueue.Claimed claimed) {
        PredictionRow row = claimed.row();
        CompletableFuture<Prediction> answer;
        try {
            answer = provider.get(row.predictionId());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.handleAsync(
                        (prediction, error) -> {
                            handler.handle(row, claimed.overdue(), prediction, unwrap(error));
                            if (prediction != null) {
                                // how long the model took, as far as polls tell (a sync create said so at once)
                                observe(pace, row, prediction, clock);
                            }
                            return null;
                        },
                        workers)
                .whenComplete((ignored, error) -> {
                    polls.release();
                    if (error != null) {
                        log.warn(
                                "poll of generation {} was not handled; its lease runs out", row.generationId(), error);
                    }
                });
    }

    /** A prediction that ended (not cancelled) tells its model's pace: its time since the create call. */
    static void observe(ModelPace pace, PredictionRow row, Prediction prediction, Clock clock) {
        if (prediction.status() == PredictionStatus.SUCCEEDED || prediction.status() == PredictionStatus.FAILED) {
            pace.ended(row.model(), Duration.between(row.createdAt(), clock.instant()));
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
