package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.launcher.ServiceProcess;
import io.picturepipeline.provider.local.Faults;
import io.picturepipeline.provider.local.LocalProvider;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Never paying twice: the generation-consumer is killed with -9 right after the provider accepted its create call
 * and before the answer came back (sync mode holds the answer while the prediction runs: the window). The
 * redelivered record finds the recorded intent without a prediction id, looks the prediction up in the provider's
 * list by the marker the create carried, and uses it: exactly one prediction, and the generation completes.
 */
@Order(13)
@Tag("fault")
class CreateWindowKillTest {

    private static final String SCENARIO = "create-window-kill";

    @Test
    void killAfterTheProviderAcceptedACreateLeavesExactlyOnePrediction() {
        FaultStack stack = SharedStack.standard();
        LocalProvider provider = stack.provider();
        ServiceProcess generation = stack.stack().service("generation-consumer");
        // 15 s per prediction: the create answer is held for the whole sync wait (5 s) after the provider accepted it
        provider.faults(Faults.none().withLatency(Duration.ofSeconds(15)));
        long createdBefore = provider.stats().created();
        try {
            Ledger.Submission submission = stack.driver(SCENARIO).submit();
            assertThat(submission.outcome()).isEqualTo(Outcome.ACCEPTED);
            Scenarios.awaitUntil(
                    "the provider accepting the create",
                    Duration.ofMinutes(1),
                    () -> provider.stats().created() > createdBefore);
            generation.kill();
            Scenarios.log(SCENARIO + ": kill -9 of the generation-consumer inside the create call");
            generation.relaunch();
            generation.awaitHealthy(Duration.ofMinutes(3));
        } finally {
            provider.resetFaults();
        }

        Report report = stack.check(SCENARIO, Duration.ofMinutes(3));
        long created = provider.stats().created() - createdBefore;
        report.count("predictions created for 1 generation", created);
        Scenarios.file(SCENARIO, report, stack);
        assertThat(created).as("one paid prediction").isEqualTo(1);
        Scenarios.assertHolds(report);
    }
}
