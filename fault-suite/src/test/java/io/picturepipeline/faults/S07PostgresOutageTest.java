package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.faults.Ledger.Submission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7: PostgreSQL is stopped for 15 s (a fast shutdown: every connection dropped) while the stages are
 * consuming, then started again on the same port with the same data. Submissions during the outage are refused
 * (503) and leave nothing; every generation accepted before completes, with one paid prediction each.
 */
@Order(4)
@Tag("fault")
class S07PostgresOutageTest {

    private static final String SCENARIO = "s07-postgres-outage";

    @Test
    void aDatabaseOutageDuringConsumptionLosesNothing() {
        FaultStack stack = SharedStack.standard();
        LoadDriver driver = stack.driver(SCENARIO);
        long createdBefore = stack.provider().stats().created();
        LoadDriver.Run run = driver.start(Scale.pick(100, 300), 20.0, 8);
        run.await(Duration.ofMinutes(2));
        Scenarios.awaitUntil("consumption under way", Duration.ofMinutes(1), () -> stack.storedImages() > 10);

        stack.stack().stopPostgres();
        Instant stopped = Instant.now();
        Scenarios.log(SCENARIO + ": PostgreSQL stopped");
        LoadDriver.Run during = driver.start(Scale.pick(20, 50), 4.0, 2);
        // records keep arriving for every stage while the database is away (as a relay instance that had read its
        // rows before the outage would publish them): the stages and the projection must hold them, not drop them
        Injections inject = new Injections(stack);
        int injected = Scale.pick(10, 30);
        for (int i = 0; i < injected; i++) {
            inject.request(SCENARIO, UUID.randomUUID(), "published while PostgreSQL is down #" + i);
            Scenarios.hold(Duration.ofMillis(300));
        }
        Scenarios.hold(Duration.ofSeconds(15).minus(Duration.between(stopped, Instant.now())));
        during.stop();
        during.await(Duration.ofMinutes(1));
        stack.stack().startPostgres();
        Instant started = Instant.now();
        Scenarios.log(SCENARIO + ": PostgreSQL back after "
                + Duration.between(stopped, started).toSeconds() + " s");

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(3, 6)));
        List<Submission> whileDown = stack.ledger().submissions(SCENARIO).stream()
                .filter(s -> !s.at().isBefore(stopped) && s.at().isBefore(started))
                .toList();
        Map<String, Long> answers = whileDown.stream()
                .collect(Collectors.groupingBy(
                        s -> s.outcome() + (s.status() > 0 ? " " + s.status() : ""),
                        TreeMap::new,
                        Collectors.counting()));
        report.count("answers while PostgreSQL was down", answers);
        report.count("requests published to the topics while PostgreSQL was down", injected);
        long accepted = stack.ledger().outcomes(SCENARIO).get(Outcome.ACCEPTED);
        long created = stack.provider().stats().created() - createdBefore - injected;
        report.count("predictions created for " + accepted + " accepted generations", created);
        Scenarios.file(SCENARIO, report, stack);
        assertThat(whileDown)
                .as("without its database the API cannot accept")
                .noneMatch(s -> s.outcome() == Outcome.ACCEPTED);
        Scenarios.assertHolds(report);
        assertThat(created)
                .as("one paid prediction per generation (the id is in hand when recording it fails)")
                .isEqualTo(accepted);
    }
}
