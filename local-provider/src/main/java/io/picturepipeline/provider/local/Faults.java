package io.picturepipeline.provider.local;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fault-injection knobs of a running {@link LocalProvider}; settable at start and at runtime ({@code PUT
 * /admin/faults}). All rates are probabilities in {@code [0, 1]} drawn independently per request.
 *
 * @param latency time from create to terminal state of new predictions; {@code null} = the configured latency
 * @param latencyJitter uniform +/- jitter added to {@code latency} per prediction
 * @param errorRates HTTP status (4xx/5xx) to probability, applied to every {@code /v1} call (create, poll, ...)
 * @param rateLimitRate probability of answering 429 with {@code Retry-After: retryAfterSeconds}
 * @param retryAfterSeconds value of the {@code Retry-After} header on 429 answers
 * @param permanentFailureRate probability that a created prediction ends {@code failed}
 * @param hangRate probability that a {@code /v1} or {@code /files} request is never answered (held open)
 * @param slowBodyBytesPerSecond throttle for {@code /files} downloads; 0 = unthrottled
 * @param oversizedBodyBytes if positive, {@code /files} bodies are padded to this size (still a PNG header)
 * @param endlessBody if true, {@code /files} bodies never end (chunked, until the client gives up)
 */
public record Faults(
        Duration latency,
        Duration latencyJitter,
        Map<Integer, Double> errorRates,
        double rateLimitRate,
        int retryAfterSeconds,
        double permanentFailureRate,
        double hangRate,
        long slowBodyBytesPerSecond,
        long oversizedBodyBytes,
        boolean endlessBody) {

    public Faults {
        latencyJitter = latencyJitter == null ? Duration.ZERO : latencyJitter;
        errorRates = Map.copyOf(errorRates == null ? Map.of() : errorRates);
        require(latency == null || !latency.isNegative(), "latency must not be negative");
        require(!latencyJitter.isNegative(), "latencyJitter must not be negative");
        errorRates.forEach((status, rate) -> {
            require(status >= 400 && status <= 599, "errorRates keys must be HTTP statuses 400..599: " + status);
            requireRate("errorRates." + status, rate);
        });
        requireRate("rateLimitRate", rateLimitRate);
        requireRate("permanentFailureRate", permanentFailureRate);
        requireRate("hangRate", hangRate);
        require(retryAfterSeconds >= 0, "retryAfterSeconds must not be negative");
        require(slowBodyBytesPerSecond >= 0, "slowBodyBytesPerSecond must not be negative");
        require(oversizedBodyBytes >= 0, "oversizedBodyBytes must not be negative");
    }

    /** No faults, configured latency, {@code Retry-After: 1}. */
    public static Faults none() {
        return new Faults(null, Duration.ZERO, Map.of(), 0, 1, 0, 0, 0, 0, false);
    }

    public Faults withLatency(Duration value) {
        return RecordCopies.with(this, "latency", value);
    }

    public Faults withLatencyJitter(Duration value) {
        return RecordCopies.with(this, "latencyJitter", value);
    }

    public Faults withErrorRate(int status, double rate) {
        Map<Integer, Double> rates = new TreeMap<>(errorRates);
        rates.put(status, rate);
        return RecordCopies.with(this, "errorRates", rates);
    }

    public Faults withRateLimit(double rate, int retryAfter) {
        return RecordCopies.with(this, Map.of("rateLimitRate", rate, "retryAfterSeconds", retryAfter));
    }

    public Faults withPermanentFailureRate(double rate) {
        return RecordCopies.with(this, "permanentFailureRate", rate);
    }

    public Faults withHangRate(double rate) {
        return RecordCopies.with(this, "hangRate", rate);
    }

    public Faults withSlowBody(long bytesPerSecond) {
        return RecordCopies.with(this, "slowBodyBytesPerSecond", bytesPerSecond);
    }

    public Faults withOversizedBody(long bytes) {
        return RecordCopies.with(this, "oversizedBodyBytes", bytes);
    }

    public Faults withEndlessBody(boolean value) {
        return RecordCopies.with(this, "endlessBody", value);
    }

    private static void requireRate(String name, double rate) {
        require(rate >= 0 && rate <= 1, name + " must be within [0, 1]: " + rate);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
