package io.picturepipeline.provider.local;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/** Holds the current {@link Faults} and draws per-request fault decisions from them. */
final class FaultInjector {

    /** What to do with one request: nothing, never answer, or answer an injected HTTP error. */
    record Decision(boolean hang, int status) {
        static final Decision NONE = new Decision(false, 0);
    }

    private final Faults baseline;
    private final AtomicReference<Faults> current;

    FaultInjector(Duration configuredLatency, Faults initial) {
        this.baseline = Faults.none().withLatency(configuredLatency);
        this.current = new AtomicReference<>(resolve(initial));
    }

    Faults current() {
        return current.get();
    }

    /** Faults with no injected failures and the latency configured at start. */
    Faults baseline() {
        return baseline;
    }

    void set(Faults faults) {
        current.set(resolve(faults));
    }

    /** For {@code /v1} calls: hang, then 429 rate limiting, then the error rates, each drawn independently. */
    Decision decideApiCall() {
        Faults faults = current.get();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < faults.hangRate()) {
            return new Decision(true, 0);
        }
        if (random.nextDouble() < faults.rateLimitRate()) {
            return new Decision(false, 429);
        }
        double draw = random.nextDouble();
        double cumulative = 0;
        for (Map.Entry<Integer, Double> rate : faults.errorRates().entrySet()) {
            cumulative += rate.getValue();
            if (draw < cumulative) {
                return new Decision(false, rate.getKey());
            }
        }
        return Decision.NONE;
    }

    boolean shouldHang() {
        return ThreadLocalRandom.current().nextDouble() < current.get().hangRate();
    }

    boolean shouldFailPermanently() {
        return ThreadLocalRandom.current().nextDouble() < current.get().permanentFailureRate();
    }

    /** Latency for a new prediction: the current latency +/- a uniform jitter, never negative. */
    Duration latencyForNewPrediction() {
        Faults faults = current.get();
        long jitter = faults.latencyJitter().toNanos();
        long offset = jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
        return Duration.ofNanos(Math.max(0, faults.latency().toNanos() + offset));
    }

    private Faults resolve(Faults faults) {
        return faults.latency() == null ? faults.withLatency(baseline.latency()) : faults;
    }
}
