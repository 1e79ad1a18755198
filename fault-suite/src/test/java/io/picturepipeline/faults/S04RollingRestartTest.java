package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.launcher.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: two instances of every consumer (generation, download, projection), restarted one by one (SIGTERM,
 * start, wait until UP) under steady load, twice round: a rebalance storm. Nothing is lost or doubled.
 */
@Order(9)
@Tag("fault")
class S04RollingRestartTest {

    private static final String SCENARIO = "s04-rolling-restart";
    private static final List<String> CONSUMERS = List.of("generation-consumer", "download-consumer", "projection");

    private static FaultStack stack;

    @BeforeAll
    static void twoInstancesOfEachConsumer() {
        stack = FaultStack.start("rolling", SharedStack.PROVIDER_LATENCY, (settings, options) -> {
            for (String consumer : CONSUMERS) {
                options = options.withInstances(consumer, 2);
            }
            return options;
        });
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aRollingRestartOfEveryConsumerInstanceLosesAndDuplicatesNothing() {
        int rounds = Scale.pick(1, 2);
        LoadDriver.Run run = stack.driver(SCENARIO).start(100_000, 4.0, 4);
        List<String> restarts = new ArrayList<>();
        try {
            Scenarios.hold(Duration.ofSeconds(10));
            for (int round = 1; round <= rounds; round++) {
                for (String consumer : CONSUMERS) {
                    for (ServiceProcess instance : stack.stack().instances(consumer)) {
                        long start = System.nanoTime();
                        instance.restart(Duration.ofSeconds(30), Duration.ofMinutes(3));
                        String line = instance.name() + " in "
                                + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s";
                        restarts.add(line);
                        Scenarios.log(SCENARIO + ": round " + round + ", restarted " + line + " (" + run.submitted()
                                + " submitted)");
                        Scenarios.hold(Duration.ofSeconds(5));
                    }
                }
            }
        } finally {
            run.stop();
            run.await(Duration.ofMinutes(2));
        }

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(3, 6)));
        report.count("restarts", restarts);
        Scenarios.file(SCENARIO, report, stack);
        assertThat(run.accepted().get()).isPositive();
        Scenarios.assertHolds(report);
    }
}
