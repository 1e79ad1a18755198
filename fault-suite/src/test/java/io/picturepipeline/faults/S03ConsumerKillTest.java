package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.launcher.ServiceProcess;
import io.picturepipeline.provider.local.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: under steady load, the generation-consumer and the download-consumer are each killed with -9 in the
 * middle of their stage, ten times (restarted each time). Provider outputs are throttled so a download is always
 * under way, and predictions take a moment, so each kill lands on work in flight. Nothing is lost, nothing is done
 * twice where it shows: one terminal event, one stored image per output.
 */
@Order(3)
@Tag("fault")
class S03ConsumerKillTest {

    private static final String SCENARIO = "s03-consumer-kill";

    @Test
    void killingConsumersMidStageLosesAndDuplicatesNothing() {
        FaultStack stack = SharedStack.standard();
        int kills = Scale.pick(2, 10);
        // a 256×256 output is about 5.6 kB: about 0.7 s per download
        stack.provider().faults(Faults.none().withSlowBody(8_000));
        long createdBefore = stack.provider().stats().created();
        LoadDriver.Run run = stack.driver(SCENARIO).start(100_000, 1.0, 4);
        ServiceProcess generation = stack.stack().service("generation-consumer");
        ServiceProcess download = stack.stack().service("download-consumer");
        List<String> inFlight = new ArrayList<>();
        try {
            Scenarios.awaitUntil("the first downloads", Duration.ofMinutes(2), () -> stack.storedImages() >= 3);
            for (int kill = 1; kill <= kills; kill++) {
                // the moment a download starts (its body takes about 0.7 s): kill the download consumer inside it
                boolean downloading =
                        awaitIncrease(() -> stack.provider().stats().fileDownloads());
                download.kill();
                download.relaunch();
                // the moment a create call reaches the provider: kill the generation consumer between the call and
                // recording its answer (the creating window), or just after
                boolean creating = awaitIncrease(() -> stack.provider().stats().createRequests());
                long predictions = stack.count(
                        "select count(*) from generation.prediction where status in ('creating', 'created', 'running')");
                generation.kill();
                generation.relaunch();
                inFlight.add("#" + kill + ": download " + (downloading ? "under way" : "idle") + ", create call "
                        + (creating ? "just made" : "none") + ", " + predictions + " predictions in flight");
                Scenarios.log(SCENARIO + ": kill -9 " + inFlight.get(inFlight.size() - 1));
                generation.awaitHealthy(Duration.ofMinutes(3));
                download.awaitHealthy(Duration.ofMinutes(3));
            }
        } finally {
            run.stop();
            run.await(Duration.ofMinutes(2));
            stack.provider().resetFaults();
        }

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(3, 6)));
        report.count("kills (each consumer)", kills);
        report.count("work in flight at each kill", inFlight);
        report.count("outcomes of this scenario", stack.ledger().outcomes(SCENARIO));
        long accepted = stack.ledger().outcomes(SCENARIO).get(Ledger.Outcome.ACCEPTED);
        report.count(
                "predictions created for " + accepted + " generations (more: the documented creating window)",
                stack.provider().stats().created() - createdBefore);
        Scenarios.file(SCENARIO, report, stack);
        assertThat(run.accepted().get()).isPositive();
        Scenarios.assertHolds(report);
    }

    /** Waits (up to 30 s) until {@code counter} grows, looking every 10 ms; false if it did not. */
    private static boolean awaitIncrease(LongSupplier counter) {
        long start = counter.getAsLong();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> counter.getAsLong() > start);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
