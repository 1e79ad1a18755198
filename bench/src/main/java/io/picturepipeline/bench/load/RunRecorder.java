package io.picturepipeline.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Everything one load run observes. Submit latency runs from a request's intended send time to its response; the
 * submit-to-completed latency from the intended send time to the moment the benchmark learns of the completion. All
 * times are {@link System#nanoTime()}; a per-second timeline of accepted and finished generations gives the throughput
 * and backlog over time.
 */
public final class RunRecorder {

    private static final long HOUR_MICROS = 3_600_000_000L;

    private final long startNanos;
    private final Histogram submit = new SynchronizedHistogram(HOUR_MICROS, 3);
    private final Histogram endToEnd = new SynchronizedHistogram(HOUR_MICROS, 3);
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final Map<String, long[]> early = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLongArray acceptedPerSecond;
    private final AtomicLongArray finishedPerSecond;
    private final AtomicLong lastFinishedNanos = new AtomicLong(Long.MIN_VALUE);

    public RunRecorder(long startNanos, int timelineSeconds) {
        this.startNanos = startNanos;
        this.acceptedPerSecond = new AtomicLongArray(timelineSeconds + 1);
        this.finishedPerSecond = new AtomicLongArray(timelineSeconds + 1);
    }

    public long startNanos() {
        return startNanos;
    }

    public void sent() {
        sent.incrementAndGet();
    }

    /** The request was accepted (202/200) and named the generation {@code id}. */
    public void accepted(String id, long intendedNanos, long responseNanos) {
        submit.recordValue(micros(responseNanos - intendedNanos));
        accepted.incrementAndGet();
        acceptedPerSecond.incrementAndGet(second(responseNanos));
        long[] finishedEarly;
        synchronized (pending) {
            finishedEarly = early.remove(id);
            if (finishedEarly == null) {
                pending.put(id, intendedNanos);
            }
        }
        if (finishedEarly != null) {
            finish(intendedNanos, finishedEarly[0], finishedEarly[1] == 1);
        }
    }

    /** The request got no acceptance: an HTTP status other than success, or an I/O error. */
    public void rejected(long intendedNanos, long responseNanos, String reason) {
        submit.recordValue(micros(responseNanos - intendedNanos));
        rejected.incrementAndGet();
        errors.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
    }

    /** A generation reached its end ({@code completed} or failed) at {@code atNanos}. Unknown ids are kept a while. */
    public void finished(String id, long atNanos, boolean ok) {
        Long intended;
        synchronized (pending) {
            intended = pending.remove(id);
            if (intended == null) {
                early.put(id, new long[] {atNanos, ok ? 1 : 0});
            }
        }
        if (intended != null) {
            finish(intended, atNanos, ok);
        }
    }

    private void finish(long intendedNanos, long atNanos, boolean ok) {
        finishedPerSecond.incrementAndGet(second(atNanos));
        lastFinishedNanos.accumulateAndGet(atNanos, Math::max);
        if (ok) {
            endToEnd.recordValue(micros(atNanos - intendedNanos));
            completed.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    /** Accepted generations not finished yet. */
    public long outstanding() {
        return pending.size();
    }

    public long sentCount() {
        return sent.get();
    }

    public long acceptedCount() {
        return accepted.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    public long completedCount() {
        return completed.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public Histogram submitLatencyMicros() {
        return submit.copy();
    }

    public Histogram endToEndMicros() {
        return endToEnd.copy();
    }

    public Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Generations finished per second over [{@code fromSecond}, {@code toSecond}) of the run. */
    public double finishedRate(int fromSecond, int toSecond) {
        if (toSecond <= fromSecond) {
            return 0;
        }
        long sum = 0;
        for (int s = fromSecond; s < toSecond && s < finishedPerSecond.length(); s++) {
            sum += finishedPerSecond.get(s);
        }
        return sum / (double) (toSecond - fromSecond);
    }

    /**
     * From which second of the arrival window the completions kept up with the arrivals: the first second {@code x}
     * such that every two-second span from {@code x} to the end of the window saw at least {@code fraction} of the
     * generations offered in it ({@code rate} per second). Empty when even the window's last two seconds fell short.
     * Two-second spans, because completions come in batches (polls, consumer batches) that a one-second count splits.
     */
    public java.util.OptionalInt keptUpFromSecond(double rate, int windowSeconds, double fraction) {
        int keptUpFrom = -1;
        for (int s = windowSeconds - 2; s >= 0; s--) {
            long done = finishedPerSecond.get(Math.min(s, finishedPerSecond.length() - 1))
                    + finishedPerSecond.get(Math.min(s + 1, finishedPerSecond.length() - 1));
            if (done < fraction * rate * 2) {
                break;
            }
            keptUpFrom = s;
        }
        return keptUpFrom < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(keptUpFrom);
    }

    /** When the last generation finished, in nanoseconds after the start; empty before any did. */
    public java.util.OptionalLong lastFinishedAfterStartNanos() {
        long last = lastFinishedNanos.get();
        return last == Long.MIN_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(last - startNanos);
    }

    /** The most generations accepted and not yet finished at the end of any second. */
    public long maxBacklog() {
        long backlog = 0;
        long max = 0;
        for (int s = 0; s < acceptedPerSecond.length(); s++) {
            backlog += acceptedPerSecond.get(s) - finishedPerSecond.get(s);
            max = Math.max(max, backlog);
        }
        return max;
    }

    private int second(long nanos) {
        long s = (nanos - startNanos) / 1_000_000_000L;
        return (int) Math.max(0, Math.min(acceptedPerSecond.length() - 1, s));
    }

    private static long micros(long nanos) {
        return Math.max(1, Math.min(HOUR_MICROS, nanos / 1_000));
    }
}
