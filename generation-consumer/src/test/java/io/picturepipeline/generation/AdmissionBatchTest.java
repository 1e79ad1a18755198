package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * The generate topic's listener takes a poll batch in one insert. The records of a test are written in one Kafka
 * transaction: the listener reads committed records only, so they become visible together and one poll hands them all
 * over. One insert is one transaction, and {@code enqueued_at} is the transaction's time: the rows of one insert share
 * it, rows of separate inserts do not.
 */
class AdmissionBatchTest extends StageIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.GENERATE);

    @Test
    void aPollBatchOfTwentyRequestsIsOneInsertAndTheSameRequestsAgainInsertNothing() {
        List<GenerationRequested> requests =
                IntStream.range(0, 20).mapToObj(i -> request("batch " + i)).toList();
        List<ProducerRecord<String, byte[]>> records = requests.stream()
                .map(r -> TopicWriter.record(Topics.GENERATE, 0, r))
                .toList();

        TopicWriter.inOneTransaction(INFRA.kafkaBootstrap(), records);
        await().atMost(PATIENCE).until(() -> admitted(requests).size() == requests.size());
        List<Admitted> first = admitted(requests);
        assertThat(first.stream().map(Admitted::enqueuedAt).distinct())
                .as("one insert for the whole batch")
                .hasSize(1);

        // the same records again, as a redelivery of the batch would bring them
        List<RecordMetadata> again = TopicWriter.inOneTransaction(INFRA.kafkaBootstrap(), records);
        awaitConsumed(again.get(again.size() - 1));
        assertThat(admitted(requests))
                .as("nothing inserted again: the rows are those of the first delivery")
                .containsExactlyInAnyOrderElementsOf(first);
        requests.forEach(r -> await().atMost(PATIENCE)
                .until(() -> topics().records(Topics.DOWNLOAD, r.generationId()).size() == 1));
        assertThat(requests)
                .as("one prediction per generation")
                .allSatisfy(r ->
                        assertThat(providerPredictions(r.parameters().prompt())).hasSize(1));
    }

    @Test
    void aPoisonRecordInABatchIsDeadLetteredWithItsReasonAndTheOthersAreTaken() {
        List<GenerationRequested> requests = IntStream.range(0, 10)
                .mapToObj(i -> request("around a poison " + i))
                .toList();
        UUID poisonKey = UUID.randomUUID();
        byte[] poison = "{\"type\":\"GenerationRequested\",\"prompt\":".getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        requests.subList(0, 5).forEach(r -> records.add(TopicWriter.record(Topics.GENERATE, 0, r)));
        records.add(new ProducerRecord<>(Topics.GENERATE, 0, poisonKey.toString(), poison));
        requests.subList(5, 10).forEach(r -> records.add(TopicWriter.record(Topics.GENERATE, 0, r)));

        TopicWriter.inOneTransaction(INFRA.kafkaBootstrap(), records);

        await().atMost(PATIENCE)
                .until(() -> topics().records(DEAD_LETTERS, poisonKey).size() == 1);
        ConsumerRecord<String, byte[]> deadLetter =
                topics().records(DEAD_LETTERS, poisonKey).get(0);
        assertThat(deadLetter.value()).isEqualTo(poison);
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_CLASS))
                .isEqualTo("io.picturepipeline.schemas.PoisonRecordException");
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_MESSAGE)).isNotBlank();
        assertThat(header(deadLetter, FailureHeaders.ATTEMPTS))
                .as("on first sight")
                .isEqualTo("1");
        await().atMost(PATIENCE).until(() -> admitted(requests).size() == requests.size());
        assertThat(admitted(requests).stream().map(Admitted::enqueuedAt).distinct())
                .as("the others taken in one insert")
                .hasSize(1);
        requests.forEach(r -> await().atMost(PATIENCE)
                .until(() -> topics().records(Topics.DOWNLOAD, r.generationId()).size() == 1));
    }

    record Admitted(UUID generationId, Instant enqueuedAt, long offset) {}

    private List<Admitted> admitted(List<GenerationRequested> requests) {
        return jdbc.sql("""
                        SELECT generation_id, enqueued_at, kafka_offset FROM generation.admission
                         WHERE generation_id IN (:ids)
                        """)
                .param(
                        "ids",
                        requests.stream().map(GenerationRequested::generationId).toList())
                .query((rs, n) -> new Admitted(
                        rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getLong(3)))
                .list();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
