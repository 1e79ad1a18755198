package io.picturepipeline.generation.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.prediction.InFlightLimit;
import io.picturepipeline.retry.StageHandler;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.stereotype.Component;

/**
 * Starts the next waiting generation whenever the stage has a free slot: fewer than {@code max-in-flight}
 * predictions running and a starter thread free (the provider budget is the stage's own check: a generation it
 * defers keeps its place). One thread claims, as many as there are free slots in one statement, in the queue's order
 * ({@link AdmissionQueue}); {@code starters} threads
 * hand each claimed record to the stage's {@link StageHandler}, exactly as the listener used to, and a failure to the
 * stage's failure policy (the shared recoverer: backoff tiers, dead letters). It sleeps until something can have
 * changed: a generation recorded on this instance, a start finished, the next scheduled release (a timer re-armed on
 * every pass, so also after a restart), or at the latest {@code safety-poll} (slots freed by predictions that ended,
 * other instances' inserts).
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
    private final Semaphore starters;
    private final Semaphore wakeups = new Semaphore(0);
    /** Claimed and handed to a starter, not finished: slots taken that the in-flight count may not show yet. */
    private final AtomicInteger starting = new AtomicInteger();

    private volatile boolean running;
    private volatile Instant deferredUntil = Instant.MIN;
    private Instant nextPurge = Instant.MIN;
    private Instant nextWithdrawal = Instant.MIN;
    private Thread loop;
    private ExecutorService pool;

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
        this.starters = new Semaphore(settings.admission().starters());
        queue.onInsert(this::wake);
    }

    @Override
    public synchronized void start() {
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(settings.admission().starters(), runnable -> {
            Thread thread = new Thread(runnable, "admission-start-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        loop = new Thread(this::run, "admission-dispatcher");
        loop.setDaemon(true);
        loop.start();
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
            pool.shutdown();
            // a start cut short keeps its claim: another dispatcher takes it over after claim-lease
            pool.awaitTermination(10, TimeUnit.SECONDS);
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
        int free = Math.min(starters.availablePermits(), (int)
                Math.max(0, settings.maxInFlight() - inFlight.current() - starting.get()));
        if (running && free > 0) {
            for (AdmissionQueue.Claimed next : queue.claim(free)) {
                starters.acquireUninterruptibly();
                starting.incrementAndGet();
                Instant claimedAt = clock.instant();
                pool.execute(() -> {
                    try {
                        start(next, claimedAt);
                    } catch (RuntimeException e) {
                        // the claim stays: taken over after claim-lease
                        log.warn("generation {} could not be handed to the stage", next.generationId(), e);
                    } finally {
                        starting.decrementAndGet();
                        starters.release();
                        wake();
                    }
                });
            }
        }
        return queue.nextRelease()
                .map(at -> Duration.between(clock.instant(), at))
                .filter(untilRelease -> untilRelease.compareTo(safetyPoll) < 0)
                .orElse(safetyPoll);
    }

    private void start(AdmissionQueue.Claimed claimed, Instant claimedAt) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(
                Topics.GENERATE,
                claimed.partition(),
                claimed.offset(),
                // the stage reads the record's age as "waited" (no sync mode for a generation that queued)
                claimed.readyAt().toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                -1,
                claimed.generationId().toString(),
                claimed.request(),
                new RecordHeaders(),
                Optional.empty());
        try {
            if (stage.handle(record) == StageHandler.Outcome.DEFERRED) {
                queue.unclaim(claimed.generationId());
                deferredUntil = clock.instant().plus(stage.deferral());
                return;
            }
            // a prediction recorded now: that statement dispatched it already
            if (!queue.wasDispatchedWithPrediction(claimed.generationId())) {
                queue.dispatched(claimed.generationId(), "started");
            }
        } catch (RuntimeException failed) {
            queue.wasDispatchedWithPrediction(claimed.generationId());
            // as from the listener: poison to the dead letters, permanent fails the generation, transient to a tier;
            // if this throws too, the claim stays and is taken over after claim-lease
            failurePolicy.accept(record, failed);
            queue.dispatched(claimed.generationId(), "failed");
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
}
