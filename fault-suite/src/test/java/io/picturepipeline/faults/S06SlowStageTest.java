package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.provider.local.Faults;
import io.picturepipeline.provider.local.LocalProvider;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6: the download stage takes longer than {@code max.poll.interval.ms} (set to 5 s for the download
 * consumers, two of them; outputs throttled to about 8 s each). The group evicts the busy consumer, its partition
 * moves, and the record is delivered again — possibly while the first delivery is still downloading. Every
 * generation still completes exactly once, with one stored image per output.
 */
@Order(11)
@Tag("fault")
class S06SlowStageTest {

    private static final String SCENARIO = "s06-slow-stage";

    private static FaultStack stack;

    @BeforeAll
    static void aShortPollInterval() {
        stack = FaultStack.start(
                "slow-stage",
                SharedStack.PROVIDER_LATENCY,
                (settings, options) -> options.withInstances("download-consumer", 2)
                        .withProperties(
                                "download-consumer",
                                "spring.kafka.consumer.properties.max.poll.interval.ms=5000",
                                "pipeline.download.download-timeout=60s"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aStageSlowerThanMaxPollIntervalCompletesEachGenerationOnce() {
        LocalProvider provider = stack.provider();
        // a 256×256 output is about 5.6 kB: 700 B/s makes each download about 8 s, more than max.poll.interval.ms
        provider.faults(Faults.none().withSlowBody(700));
        int count = Scale.pick(6, 20);
        LoadDriver.Run run = stack.driver(SCENARIO).start(count, 0.5, 2);
        run.await(Duration.ofMinutes(2));

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(6, 12)));
        long outputs = stack.ledger().submissions(SCENARIO).stream()
                .filter(s -> s.outcome() == Ledger.Outcome.ACCEPTED)
                .mapToLong(Ledger.Submission::numOutputs)
                .sum();
        long downloads = provider.stats().fileDownloads();
        report.count("outputs", outputs);
        report.count(
                "max.poll.interval.ms expiries (download consumers)",
                stack.logLines("download-consumer", "consumer poll timeout has expired"));
        report.count(
                "redeliveries skipped as already completed",
                stack.logLines("download-consumer", "is already completed: skipping"));
        report.count("downloads started (more than outputs: redeliveries past max.poll.interval.ms)", downloads);
        provider.resetFaults();
        Scenarios.file(SCENARIO, report, stack);
        assertThat(downloads).as("downloads").isGreaterThanOrEqualTo(outputs);
        Scenarios.assertHolds(report);
    }
}
