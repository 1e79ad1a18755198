package io.picturepipeline.generation.prediction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.generation.GenerationSettings;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Bounds the predictions not finished yet ({@code max-in-flight}, over all instances) and exposes their number as
 * the gauge {@code pipeline.predictions.in_flight}. The count comes from the table on every poller tick; in between,
 * each admission adds one, so one instance never overshoots. Several instances may overshoot by what they admit
 * within one tick: a soft limit, which is all back-pressure needs.
 */
@Component
public class InFlightLimit {

    public static final String GAUGE = "pipeline.predictions.in_flight";

    private final long max;
    private final LongSupplier count;
    private final AtomicLong estimate = new AtomicLong();
    private volatile boolean counted;

    @Autowired
    InFlightLimit(GenerationSettings settings, Predictions predictions, MeterRegistry registry) {
        this(settings.maxInFlight(), predictions::countInFlight);
        Gauge.builder(GAUGE, estimate, AtomicLong::get)
                .description("Provider predictions started and not finished yet (all instances)")
                .register(registry);
    }

    InFlightLimit(long max, LongSupplier count) {
        this.max = max;
        this.count = count;
    }

    /** Takes a slot for a new prediction; false when {@code max-in-flight} predictions are running. */
    public boolean tryAdmit() {
        if (!counted) {
            refresh();
        }
        return estimate.getAndUpdate(n -> n < max ? n + 1 : n) < max;
    }

    /** Re-reads the true number (finished predictions free their slots here). */
    public void refresh() {
        estimate.set(count.getAsLong());
        counted = true;
    }

    public long current() {
        return estimate.get();
    }
}
