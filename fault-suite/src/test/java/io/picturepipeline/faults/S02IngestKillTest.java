package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.launcher.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: the ingest-api is killed with -9 again and again under a high submission rate, so that some requests
 * die between the database commit and the publish (the rows left in the outbox at the moment of the kill prove the
 * window was hit). Restarted, its relay publishes them. Never "202, then lost"; never a phantom: a request whose
 * answer was lost is either stored and completed, or not stored at all.
 */
@Order(2)
@Tag("fault")
@Tag("smoke")
class S02IngestKillTest {

    private static final String SCENARIO = "s02-ingest-kill";

    @Test
    void killingTheApiBetweenCommitAndPublishLosesNothingAndInventsNothing() {
        FaultStack stack = SharedStack.standard();
        int count = Scale.pick(300, 2000);
        int kills = Scale.pick(2, 6);
        LoadDriver.Run run = stack.driver(SCENARIO).start(count, Scale.pick(60, 80), 16);
        ServiceProcess api = stack.stack().service("ingest-api");
        List<Long> leftInOutbox = new ArrayList<>();
        for (int kill = 1; kill <= kills; kill++) {
            int at = count * kill / (kills + 1);
            Scenarios.awaitUntil(at + " submissions", Duration.ofMinutes(5), () -> run.submitted() >= at);
            api.kill();
            long rows = stack.count("select count(*) from ingest.outbox");
            leftInOutbox.add(rows);
            Scenarios.log(SCENARIO + ": kill -9 #" + kill + " of the ingest-api after " + run.submitted()
                    + " submissions; " + rows + " committed rows were still in the outbox");
            api.relaunch();
            api.awaitHealthy(Duration.ofMinutes(2));
        }
        run.await(Duration.ofMinutes(5));

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(3, 8)));
        report.count("kills", kills);
        report.count("outbox rows at the moment of each kill (committed, not yet published)", leftInOutbox);
        report.count("outcomes of this scenario", stack.ledger().outcomes(SCENARIO));

        Scenarios.file(SCENARIO, report, stack);
        assertThat(stack.ledger().outcomes(SCENARIO).get(Outcome.ACCEPTED)).isPositive();
        Scenarios.assertHolds(report);
    }
}
