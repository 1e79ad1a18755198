package io.picturepipeline.generation.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.prediction.InFlightLimit;
import io.picturepipeline.retry.StageHandler;
import io.picturepipeline.retry.TransientException;
import io.picturepipeline.retry.TransientRetries;
import io.picturepipeline.schemas.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.stereotype.Component;

/**
 * Starts the next waiting generation whenever the stage has a free slot: fewer than {@code max-in-flight}
 * predictions running and fewer than {@code max-creates} generations being started (claimed, their create call not
 * answered yet); the provider budget is the stage's own check: a generation it defers keeps its place. One thread
 * claims, as many as there are free slots (at most {@code claim-batch}) in one statement, in the queue's order
 * ({@link AdmissionQueue}); {@code starters} threads hand each claimed record to the stage, exactly as the listener
 * used to, and a failure to the stage's failure policy (the shared recoverer: backoff tiers, dead letters). A stage
 * that offers {@link AsyncStart} (the generate stage) holds a starter only until its create call is sent: the answer —
 * in sync mode up to {@code replicate.sync-wait} later — is handled on as many threads of its own when it comes, so the
 * starters bound the work before the call, not the calls in flight, and {@code max-in-flight} is the limit. It sleeps until something can have changed: a generation recorded on this instance, a start finished, the
 * next scheduled release (a timer re-armed on every pass, so also after a restart), or at the latest
 * {@code safety-poll} (slots freed by predictions that ended, other instances' inserts).
 *
 * <p>A hand-off that failed and whose failure the policy could not route either (the broker is down) gives its claim
 * back with {@code handoff-retry} to wait, instead of keeping it for the whole {@code claim-lease}: the start is
 * over, and starting is idempotent (a recorded prediction is announced again, a cut-short create is looked up before
 * another one is made), so the next claim never starts a second prediction.
 */
@Component
class AdmissionDispatcher implements SmartLifecycle {

    static final String WAIT = "pipeline.admission.wait";
    private static final Logger log = LoggerFactory.getLogger(AdmissionDispatcher.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final AdmissionQueue queue;
    private final StageHandler stage;
    private final ConsumerRecordRecoverer failurePolicy;
    private final InFlightLimit inFlight;
    private final GenerationSettings settings;
    private final MeterRegistry registry;
    private final Clock clock;
    /** Claimed and not finished (being started, or their create call unanswered). */
    private final Semaphore creates;

    private final Semaphore wakeups = new Semaphore(0);
    /** Claimed and handed to a starter, not finished: slots taken that the in-flight count may not show yet. */
    private final AtomicInteger starting = new AtomicInteger();

    private volatile boolean running;
    private volatile Instant deferredUntil = Instant.MIN;
    private Instant nextPurge = Instant.MIN;
    private Instant nextWithdrawal = Instant.MIN;
    private Thread loop;
    private ExecutorService pool;
    private ExecutorService answers;

    AdmissionDispatcher(
            AdmissionQueue queue,
            List<StageHandler> stages,
            ConsumerRecordRecoverer failurePolicy,
            InFlightLimit inFlight,
            GenerationSettings settings,
            MeterRegistry registry,
            Clock clock) {
        this.queue = queue;
        this.stage = stages.stream()
                .filter(s -> s.stage() == Stage.GENERATE)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no StageHandler for the generate stage"));
        this.failurePolicy = failurePolicy;
        this.inFlight = inFlight;
        this.settings = settings;
        this.registry = registry;
        this.clock = clock;
        this.creates = new Semaphore(settings.admission().maxCreates());
        queue.onInsert(this::wake);
    }

    @Override
    public synchronized void start() {
        pool = daemonThreads(settings.admission().starters(), "admission-start-");
        // create answers on threads of their own: recorded at once, not queued behind the next claim's starts
        answers = daemonThreads(settings.admission().starters(), "admission-answer-");
        running = true;
        loop = new Thread(this::run, "admission-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    private static ExecutorService daemonThreads(int count, String name) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, name + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized void stop() {
        if (loop == null) {
            return;
        }
        running = false;
        wake();
        try {
            loop.join(10_000);
            // create calls out: their answers are recorded before the threads go (at most a request's time)
            long deadline = System.nanoTime()
                    + settings.replicate().requestTimeout().plusSeconds(5).toNanos();
            while (starting.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            pool.shutdown();
            answers.shutdown();
            // a start cut short keeps its claim: another dispatcher takes it over after claim-lease
            pool.awaitTermination(10, TimeUnit.SECONDS);
            answers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        while (running) {
            Duration sleep = settings.admission().safetyPoll();
            try {
                sleep = pass();
            } catch (RuntimeException e) {
                log.warn("admission pass failed; the next one tries again", e);
            }
            try {
                wakeups.tryAcquire(Math.max(1, sleep.toMillis()), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Starts what it can; returns how long to sleep when nothing wakes it. */
    private Duration pass() {
        Instant now = clock.instant();
        if (now.isAfter(nextPurge)) {
            queue.purge();
            nextPurge = now.plus(PURGE_EVERY);
        }
        Duration safetyPoll = settings.admission().safetyPoll();
        if (now.isAfter(nextWithdrawal)) {
            queue.withdrawCancelled()
                    .forEach(id -> log.info("generation {} was cancelled while it waited: it never starts", id));
            nextWithdrawal = now.plus(safetyPoll);
        }
        if (now.isBefore(deferredUntil)) {
            return Duration.between(now, deferredUntil);
        }
        // one claim statement ranks every waiting row whatever it returns: a claim takes what the slots allow, up to
        // claim-batch, not one per starter thread (the starters are held only until each create call is sent)
        int free = Math.min(Math.min(settings.admission().claimBatch(), creates.availablePermits()), (int)
                Math.max(0, settings.maxInFlight() - inFlight.current() - starting.get()));
        if (running && free > 0) {
            for (AdmissionQueue.Claimed next : queue.claim(free)) {
                creates.acquireUninterruptibly();
                starting.incrementAndGet();
                Instant claimedAt = clock.instant();
                pool.execute(() -> start(next, claimedAt));
            }
        }
        return queue.nextRelease()
                .map(at -> Duration.between(clock.instant(), at))
                .filter(untilRelease -> untilRelease.compareTo(safetyPoll) < 0)
                .orElse(safetyPoll);
    }

    /** On a starter thread: hands the claimed record to the stage; {@link #finish} when its start is over. */
    private void start(AdmissionQueue.Claimed claimed, Instant claimedAt) {
        ConsumerRecord<String, byte[]> record = claimed.asRecord();
        CompletableFuture<StageHandler.Outcome> started;
        try {
            started = stage instanceof AsyncStart async
                    ? async.startAsync(record, answers)
                    : CompletableFuture.completedFuture(stage.handle(record));
        } catch (RuntimeException failed) {
            started = CompletableFuture.failedFuture(failed);
        }
        started.whenComplete((outcome, error) -> finish(claimed, claimedAt, record, outcome, error));
    }

    /** The start is over: the claim is settled (dispatched, or given back), and its slot freed. */
    private void finish(
            AdmissionQueue.Claimed claimed,
            Instant claimedAt,
            ConsumerRecord<String, byte[]> record,
            StageHandler.@Nullable Outcome outcome,
            @Nullable Throwable error) {
        try {
            settle(claimed, record, outcome, error);
        } catch (RuntimeException e) {
            log.warn("generation {} could not be handed to the stage", claimed.generationId(), e);
            giveBack(claimed);
        } finally {
            starting.decrementAndGet();
            creates.release();
            wake();
        }
        Timer.builder(WAIT)
                .description(
                        "From when a generation could start (accepted, or its notBefore) to its claim for the stage")
                .tag("priority", Integer.toString(claimed.priority()))
                .tag("plan", claimed.plan())
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.between(claimed.readyAt(), claimedAt));
    }

    private void settle(
            AdmissionQueue.Claimed claimed,
            ConsumerRecord<String, byte[]> record,
            StageHandler.@Nullable Outcome outcome,
            @Nullable Throwable error) {
        // a prediction recorded by this start: that statement dispatched the row already
        boolean dispatchedWithPrediction = queue.wasDispatchedWithPrediction(claimed.generationId());
        if (error != null && TransientRetries.unwrap(error) instanceof RejectedExecutionException) {
            // stopping: the answer came after the threads went; a takeover finds the prediction it made
            log.warn("generation {}: its create answer came while this instance stopped", claimed.generationId());
            giveBack(claimed);
            return;
        }
        if (error == null) {
            if (outcome == StageHandler.Outcome.DEFERRED) {
                queue.unclaim(claimed.generationId());
                deferredUntil = clock.instant().plus(stage.deferral());
                return;
            }
            if (!dispatchedWithPrediction) {
                queue.dispatched(claimed.generationId(), "started");
            }
            return;
        }
        RuntimeException failed = TransientRetries.unwrap(error) instanceof RuntimeException runtime
                ? runtime
                : new TransientException("starting generation " + claimed.generationId() + " failed", error);
        try {
            // as from the listener: poison to the dead letters, permanent fails the generation, transient to a tier
            failurePolicy.accept(record, failed);
        } catch (RuntimeException unrouted) {
            log.warn(
                    "generation {} failed to start ({}) and its failure could not be routed either; it is claimed"
                            + " again in {}",
                    claimed.generationId(),
                    failed.toString(),
                    settings.admission().handoffRetry(),
                    unrouted);
            giveBack(claimed);
            return;
        }
        queue.dispatched(claimed.generationId(), "failed");
    }

    /** The claim comes back after {@code handoff-retry} (not {@code claim-lease}); if even that fails, the lease. */
    private void giveBack(AdmissionQueue.Claimed claimed) {
        try {
            queue.retryLater(claimed.generationId(), settings.admission().handoffRetry());
        } catch (RuntimeException e) {
            log.warn("generation {} keeps its claim until claim-lease runs out", claimed.generationId(), e);
        }
    }
}
