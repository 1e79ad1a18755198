package io.picturepipeline.provider.local;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The provider's single timer thread. Tasks scheduled after {@link LocalProvider#close()} are dropped: everything
 * timed (webhooks, delayed answers, hang caps) is best effort.
 */
final class Scheduler {

    private final ScheduledExecutorService executor;
    private final InstantSource clock;

    Scheduler(ScheduledExecutorService executor, InstantSource clock) {
        this.executor = executor;
        this.clock = clock;
    }

    void after(Duration delay, Runnable task) {
        try {
            executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Runs {@code task} when the provider clock reaches {@code instant} (assuming it runs at wall-clock speed). */
    void at(Instant instant, Runnable task) {
        after(Duration.between(clock.instant(), instant), task);
    }

    Instant now() {
        return clock.instant();
    }
}
