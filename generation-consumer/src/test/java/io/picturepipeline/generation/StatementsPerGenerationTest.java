package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TopicWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database round trips of a generation settled by its create answer (sync mode), counted by {@link
 * StatementCounter} over a batch of requests and logged per statement: what issue 12's "statements and commits per
 * generation" figures come from. Counts include what runs per tick meanwhile (the poller's claim, the dispatcher's
 * release timer); only the batching is asserted.
 */
class StatementsPerGenerationTest extends StageIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(StatementsPerGenerationTest.class);
    private static final int GENERATIONS = 40;

    @Test
    void aBatchOfRequestsIsRecordedInFewerInsertsThanGenerations() {
        List<GenerationRequested> requests = IntStream.range(0, GENERATIONS)
                .mapToObj(i -> request("counted " + i + " [latency:PT0S]"))
                .toList();
        Map<String, Long> before = StatementCounter.statements();
        long commitsBefore = StatementCounter.commits();

        // on one partition, so that one poll of one consumer gets them all
        TopicWriter.inOneTransaction(
                INFRA.kafkaBootstrap(),
                requests.stream()
                        .map(r -> TopicWriter.record(Topics.GENERATE, 0, r))
                        .toList());
        requests.forEach(r -> await().atMost(Duration.ofSeconds(90))
                .until(() -> topics().records(Topics.DOWNLOAD, r.generationId()).size() == 1));

        Map<String, Long> after = StatementCounter.statements();
        long total = 0;
        StringBuilder table = new StringBuilder();
        for (var entry : after.entrySet()) {
            long n = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            if (n > 0) {
                total += n;
                table.append(String.format("%n%7.2f  %s", (double) n / GENERATIONS, entry.getKey()));
            }
        }
        long commits = StatementCounter.commits() - commitsBefore;
        log.info(
                "per generation ({} generations): {} statements, {} commits; by statement:{}",
                GENERATIONS,
                String.format("%.2f", (double) total / GENERATIONS),
                String.format("%.2f", (double) commits / GENERATIONS),
                table);
        long admissionInserts = after.entrySet().stream()
                .filter(e -> e.getKey().startsWith("INSERT INTO generation.admission"))
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
                .sum();
        assertThat(admissionInserts)
                .as("the requests of one Kafka transaction come in few polls, each one insert")
                .isLessThan(GENERATIONS / 4);
    }
}
