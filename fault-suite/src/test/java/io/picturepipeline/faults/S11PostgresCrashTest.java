package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.faults.Ledger.Outcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 11: a burst of submissions, and the moment the last one is answered every PostgreSQL process is killed
 * with -9 at once (the postmaster and every backend, as a power cut would), then PostgreSQL is started again on the
 * same data directory. What was answered 202 was committed to disk: every accepted generation is still stored and
 * completes. With {@code synchronous_commit=off} the newest commits of the burst were not yet on disk and are lost.
 * Not in the smoke subset: on a loaded 2-core machine it took over two minutes (docs/reliability.md).
 */
@Order(5)
@Tag("fault")
class S11PostgresCrashTest {

    private static final String SCENARIO = "s11-postgres-crash";

    @Test
    void everySubmissionAnswered202SurvivesACrashOfEveryPostgresProcess() {
        FaultStack stack = SharedStack.standard();
        int count = Scale.pick(150, 1000);
        LoadDriver.Run burst = stack.driver(SCENARIO).start(count, Scale.pick(75, 100), 16);
        burst.await(Duration.ofMinutes(3));

        Instant killing = Instant.now();
        int killed = stack.crashPostgres();
        Duration down = Duration.between(killing, Instant.now());
        long accepted = stack.ledger().outcomes(SCENARIO).getOrDefault(Outcome.ACCEPTED, 0L);
        Scenarios.log(SCENARIO + ": " + killed + " PostgreSQL processes killed right after " + accepted
                + " of " + count + " submissions were accepted; PostgreSQL answered again after " + down.toMillis()
                + " ms");

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(3, 6)));
        report.count("PostgreSQL processes killed at once", killed);
        report.count("kill to PostgreSQL answering again (crash recovery)", down.toMillis() + " ms");
        report.count("outcomes of this scenario", stack.ledger().outcomes(SCENARIO));
        Scenarios.file(SCENARIO, report, stack);
        assertThat(accepted).isPositive();
        Scenarios.assertHolds(report);
    }
}
