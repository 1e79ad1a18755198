package io.picturepipeline.bench.load;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * An open-loop load schedule: request {@code i} is due at {@code start + i / rate}, whatever happened to the requests
 * before it. The scheduler never waits for a response; when it falls behind (a GC pause, a busy core) it sends the late
 * requests at once, and each request's latency is measured from its <em>intended</em> time, so a stall shows up in the
 * latencies instead of silently lowering the load (no coordinated omission).
 */
public final class OpenLoop {

    private final double ratePerSecond;
    private final long count;

    public OpenLoop(double ratePerSecond, Duration duration) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.count = (long) Math.floor(duration.toNanos() / 1e9 * ratePerSecond);
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** How many requests the schedule sends. */
    public long count() {
        return count;
    }

    /** When request {@code i} is due, in nanoseconds after the start. */
    public long intendedOffsetNanos(long i) {
        return Math.round(i * 1e9 / ratePerSecond);
    }

    /** The most requests due by {@code elapsedNanos} after the start. */
    public long dueBy(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        return Math.min(count, (long) Math.floor(elapsedNanos * ratePerSecond / 1e9) + 1);
    }

    /** Time source and sleeper, replaceable in tests. */
    public interface Clock extends LongSupplier {

        void sleepUntil(long nanoTime);

        Clock SYSTEM = new Clock() {
            @Override
            public long getAsLong() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long nanoTime) {
                long remaining;
                while ((remaining = nanoTime - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(remaining);
                }
            }
        };
    }

    /** What a run did to keep time: how late the latest send left, compared with its intended time. */
    public record Timing(long startNanos, long sent, long maxSendLagNanos) {}

    /**
     * Runs the schedule on the calling thread: {@code send} gets each request's intended time ({@link Clock} nanos)
     * and must not block for the response.
     */
    public Timing run(Clock clock, long startNanos, LongConsumer send) {
        long maxLag = 0;
        for (long i = 0; i < count; i++) {
            long intended = startNanos + intendedOffsetNanos(i);
            if (clock.getAsLong() < intended) {
                clock.sleepUntil(intended);
            }
            maxLag = Math.max(maxLag, clock.getAsLong() - intended);
            send.accept(intended);
            if (Thread.currentThread().isInterrupted()) {
                return new Timing(startNanos, i + 1, maxLag);
            }
        }
        return new Timing(startNanos, count, maxLag);
    }
}
