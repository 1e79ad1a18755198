package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Replicate's sync mode ({@code Prefer: wait}): answers a create once the prediction ended or the wait ran out,
 * re-checking on the {@link Scheduler} instead of holding a worker thread.
 */
final class SyncWaiter {

    private static final Duration MIN_RECHECK = Duration.ofMillis(5);

    private final Scheduler scheduler;

    SyncWaiter(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void answerWhenEnded(HttpExchange exchange, Prediction prediction, Duration wait) {
        check(exchange, prediction, System.nanoTime() + wait.toNanos());
    }

    private void check(HttpExchange exchange, Prediction prediction, long deadlineNanos) {
        Instant now = scheduler.now();
        Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
        try {
            if (!prediction.statusAt(now).terminal() && !left.isNegative()) {
                Duration untilEnd = Duration.between(now, prediction.endsAt());
                Duration delay = untilEnd.compareTo(MIN_RECHECK) > 0 ? untilEnd : MIN_RECHECK;
                scheduler.after(
                        delay.compareTo(left) < 0 ? delay : left, () -> check(exchange, prediction, deadlineNanos));
                return;
            }
            HttpIo.sendJson(exchange, 201, PredictionJson.render(prediction, now));
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }
}
