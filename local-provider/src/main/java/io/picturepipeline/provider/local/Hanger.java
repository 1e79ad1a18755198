package io.picturepipeline.provider.local;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;

/**
 * Holds hung requests open without blocking a worker thread: the exchange is left unanswered and only closed after
 * a long cap (or when the server stops).
 */
final class Hanger {

    static final Duration HANG_CAP = Duration.ofMinutes(10);

    private final Scheduler scheduler;
    private final Counters counters;

    Hanger(Scheduler scheduler, Counters counters) {
        this.scheduler = scheduler;
        this.counters = counters;
    }

    void hold(HttpExchange exchange) {
        counters.hungRequests.increment();
        scheduler.after(HANG_CAP, exchange::close);
    }
}
