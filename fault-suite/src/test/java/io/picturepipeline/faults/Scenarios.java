package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What every scenario does around its fault. */
final class Scenarios {

    private Scenarios() {}

    /**
     * Files the report; a shared stack with violations is discarded so the next scenario does not inherit them. Call
     * it before any assertion, so that the report is filed whatever fails.
     */
    static void file(String scenario, Report report, FaultStack stack) {
        stack.file(scenario, report);
        if (!report.clean() && stack.name().equals("standard")) {
            SharedStack.discard();
        }
    }

    /** Fails with the report when an invariant is broken. */
    static void assertHolds(Report report) {
        assertThat(report.violations())
                .as("invariants after the scenario:\n%s", report.toText(40))
                .isEmpty();
    }

    static void awaitUntil(String what, Duration timeout, BooleanSupplier condition) {
        await(what).atMost(timeout).pollInterval(Duration.ofMillis(250)).until(condition::getAsBoolean);
    }

    /**
     * Keeps a fault in place for its length (a broker stopped for 10 s): the length is the scenario's subject, not a
     * stand-in for a condition.
     */
    static void hold(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void log(String line) {
        FaultStack.log(line);
    }
}
