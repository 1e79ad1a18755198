package io.picturepipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.faults.Ledger.Outcome;
import io.picturepipeline.faults.Ledger.Submission;
import io.picturepipeline.infra.LocalKafka;
import io.picturepipeline.infra.LocalKafkaCluster;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: three brokers with the durable settings (replication factor 3, {@code min.insync.replicas} 2, unclean
 * leader election off). The leader of a pipeline partition is killed with -9 again and again while generations are
 * submitted; then two of the three brokers are stopped (below the minimum ISR): the API keeps accepting into its
 * outbox (202, published later) or answers 503 — never "202, then lost".
 */
@Order(10)
@Tag("fault")
class S05ThreeBrokersTest {

    private static final String SCENARIO = "s05-three-brokers";

    private static FaultStack stack;

    @BeforeAll
    static void threeBrokers() {
        stack = FaultStack.start(
                "three-brokers", SharedStack.PROVIDER_LATENCY, (settings, options) -> options.withBrokers(3));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void leaderKillsAndALostQuorumNeverLoseAnAcceptedGeneration() {
        LocalKafkaCluster cluster = stack.stack().kafkaCluster();
        int leaderKills = Scale.pick(2, 4);
        LoadDriver driver = stack.driver(SCENARIO);
        LoadDriver.Run run = driver.start(100_000, 5.0, 4);
        List<String> killed = new ArrayList<>();
        try {
            Scenarios.hold(Duration.ofSeconds(5));
            String[] topics = {Topics.GENERATE, Topics.LIFECYCLE, Topics.DOWNLOAD};
            for (int kill = 0; kill < leaderKills; kill++) {
                String topic = topics[kill % topics.length];
                LocalKafka leader = cluster.leaderOf(topic, kill % 12).orElseThrow();
                leader.kill();
                killed.add("broker " + leader.nodeId() + " (leader of " + topic + "-" + (kill % 12) + ")");
                Scenarios.log(SCENARIO + ": kill -9 of " + killed.get(killed.size() - 1) + " after " + run.submitted()
                        + " submissions");
                Scenarios.hold(Duration.ofSeconds(10));
                leader.start();
                Scenarios.hold(Duration.ofSeconds(10));
            }
        } finally {
            run.stop();
            run.await(Duration.ofMinutes(2));
        }

        // below min ISR: two of three brokers gone
        List<LocalKafka> stopped = List.of(cluster.broker(2), cluster.broker(3));
        stopped.forEach(LocalKafka::stop);
        Scenarios.log(SCENARIO + ": brokers 2 and 3 stopped; submitting with one broker left");
        int before = stack.ledger().submissions(SCENARIO).size();
        LoadDriver.Run belowIsr = driver.start(Scale.pick(40, 100), 4.0, 4);
        belowIsr.await(Duration.ofMinutes(3));
        List<Submission> whileDown = stack.ledger()
                .submissions(SCENARIO)
                .subList(before, stack.ledger().submissions(SCENARIO).size());
        Map<String, Long> answers = whileDown.stream()
                .collect(Collectors.groupingBy(
                        s -> s.outcome() + (s.status() > 0 ? " " + s.status() : ""),
                        TreeMap::new,
                        Collectors.counting()));
        Scenarios.log(SCENARIO + ": answers with 2 of 3 brokers down: " + answers);
        long outboxWhileDown = stack.count("select count(*) from ingest.outbox");
        stopped.parallelStream().forEach(LocalKafka::start);
        Scenarios.log(SCENARIO + ": brokers back; " + outboxWhileDown + " outbox rows waited for them");

        Report report = stack.check(SCENARIO, Duration.ofMinutes(Scale.pick(3, 6)));
        report.count("leader kills", killed);
        report.count("answers with 2 of 3 brokers down", answers);
        report.count("outbox rows waiting while below min ISR", outboxWhileDown);
        Scenarios.file(SCENARIO, report, stack);
        assertThat(whileDown)
                .as("below min ISR the API answers 202 (outbox) or 503")
                .allMatch(s -> s.outcome() == Outcome.ACCEPTED || s.status() == 503);
        Scenarios.assertHolds(report);
    }
}
