package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.infra.LocalKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: the broker (every broker, on the secure stack's cluster) is stopped for 10 s while generations are
 * submitted. The API keeps answering 202 (the outbox holds what Kafka cannot take), and every accepted generation
 * completes once the brokers are back. At smoke size the load runs on (up to a cap) until a few more generations are
 * sent after the outage: a fixed 150 at 15/s ran out during a slow graceful stop (6.6 s on a loaded machine, 2026-12-03)
 * and none was submitted while the broker was down.
 */
@Order(1)
@Tag("fault")
@Tag("smoke")
class S01BrokerOutageTest {

    private static final String SCENARIO = "s01-broker-outage";

    @Test
    void everyGenerationAcceptedWhileTheBrokerIsDownCompletesOnceItIsBack() {
        FaultStack stack = SharedStack.standard();
        // at most count; at smoke size the run is stopped once `after` more were sent after the outage
        int count = Scale.pick(600, 2000);
        int before = Scale.pick(50, count / 3);
        int after = Scale.pick(30, count);
        double rate = Scale.pick(15, 40);
        LoadDriver.Run run = stack.driver(SCENARIO).start(count, rate, 8);

        Scenarios.awaitUntil("submissions before the outage", Duration.ofMinutes(2), () -> run.submitted() >= before);
        List<LocalKafka> brokers = stack.brokers();
        Instant stopping = Instant.now();
        brokers.parallelStream().forEach(LocalKafka::stop);
        Instant stopped = Instant.now();
        Scenarios.log(
                SCENARIO + ": " + brokers.size() + " broker(s) stopped after " + run.submitted() + " submissions");
        Scenarios.hold(Duration.ofSeconds(10));
        int duringOutage = run.submitted();
        brokers.parallelStream().forEach(LocalKafka::start);
        Instant started = Instant.now();
        Scenarios.log(SCENARIO + ": broker back after "
                + Duration.between(stopped, started).toMillis() + " ms");
        Scenarios.awaitUntil(
                "submissions after the outage",
                Duration.ofMinutes(5),
                () -> run.submitted() >= Math.min(count, duringOutage + after));
        run.stop();
        run.await(Duration.ofMinutes(5));
        int submitted = run.submitted();

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(3, 8)));
        long acceptedWhileDown = stack.ledger().submissions(SCENARIO).stream()
                .filter(s -> s.outcome() == Outcome.ACCEPTED)
                .filter(s -> !s.at().isBefore(stopped) && s.at().isBefore(started))
                .count();
        report.count(
                "broker outage",
                brokers.size() + " broker(s), graceful stop "
                        + Duration.between(stopping, stopped).toMillis() + " ms, then down "
                        + Duration.between(stopped, started).toMillis() + " ms until it answered again");
        report.count(
                "accepted while the broker was down", acceptedWhileDown + " (of " + duringOutage + " sent so far)");
        Scenarios.log(SCENARIO + ": accepted while the broker was down: " + acceptedWhileDown);

        Scenarios.file(SCENARIO, report, stack);
        assertThat(stack.ledger().outcomes(SCENARIO))
                .as("a broker outage is no reason to refuse a submission")
                .containsEntry(Outcome.ACCEPTED, (long) submitted);
        assertThat(acceptedWhileDown).isPositive();
        Scenarios.assertHolds(report);
    }
}
