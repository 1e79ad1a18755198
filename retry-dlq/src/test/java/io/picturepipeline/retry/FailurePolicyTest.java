package io.picturepipeline.retry;

import static io.picturepipeline.testsupport.TopicEvents.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.retry.FakeStage.Delivery;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TestInfrastructure;
import io.picturepipeline.testsupport.TopicEvents;
import io.picturepipeline.testsupport.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** The shared failure policy on a real broker, through a stage-shaped service with tiers of 300, 600 and 900 ms. */
class FailurePolicyTest extends FakeStageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** How late a due retry may reach the stage: generous, the machine is shared. */
    private static final Duration LATENESS = Duration.ofSeconds(5);

    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.DOWNLOAD);
    private static final EventCodec CODEC = new EventCodec();
    /** Like a foreign producer that compresses: it sends records larger than the pipeline's own limit. */
    private static final TopicWriter KAFKA = new TopicWriter(
            TestInfrastructure.shared().kafkaBootstrap(),
            Map.of(
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    4 * 1024 * 1024,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG,
                    "lz4"));

    private static final TopicEvents TOPICS =
            new TopicEvents(TestInfrastructure.shared().kafkaBootstrap());

    @Autowired
    @Qualifier("fakeStage")
    FakeStage stage;

    @Autowired
    MeterRegistry meters;

    @Test
    void aTransientFailureTwiceThenSuccessCompletesOnceAfterThreeAttemptsHonouringTheTierDelays() {
        UUID id = UUID.randomUUID();
        stage.failNext(id, () -> unavailable(null), () -> unavailable(null));

        KAFKA.publish(Topics.DOWNLOAD, FakeStage.images(id));

        await().atMost(PATIENCE).until(() -> stage.timesProcessed(id) == 1);
        List<Delivery> deliveries = stage.deliveries(id);
        assertThat(deliveries)
                .extracting(Delivery::topic)
                .containsExactly(Topics.DOWNLOAD, Topics.retry(Topics.DOWNLOAD, 0), Topics.retry(Topics.DOWNLOAD, 1));
        for (int retry = 1; retry < deliveries.size(); retry++) {
            Delivery delivery = deliveries.get(retry);
            Instant failedAt = Instant.parse(delivery.headers().get(FailureHeaders.LAST_FAILURE));
            Instant dueAt = Instant.parse(delivery.headers().get(FailureHeaders.DUE_AT));
            assertThat(delivery.headers()).containsEntry(FailureHeaders.ATTEMPTS, Integer.toString(retry));
            assertThat(Duration.between(failedAt, dueAt)).isEqualTo(TIERS.get(retry - 1));
            assertThat(delivery.at()).isAfterOrEqualTo(dueAt).isBefore(dueAt.plus(LATENESS));
        }
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(TOPICS.events(Topics.LIFECYCLE, id.toString(), RetryScheduled.class))
                        .extracting(RetryScheduled::attempt, RetryScheduled::delay, RetryScheduled::stage)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(1, TIERS.get(0), Stage.DOWNLOAD),
                                org.assertj.core.groups.Tuple.tuple(2, TIERS.get(1), Stage.DOWNLOAD)));
        assertThat(TOPICS.records(DEAD_LETTERS, id.toString())).isEmpty();
        assertThat(stage.processed()).containsOnlyOnce(id);
    }

    @Test
    void aFailureThatNeverPassesIsDeadLetteredAfterExactlyTheConfiguredAttemptsWithTheDocumentedHeaders() {
        UUID id = UUID.randomUUID();
        stage.failAlways(id, () -> unavailable(null));
        double deadLettersBefore = deadLetterCount("TransientException");

        ImagesGenerated event = FakeStage.images(id);
        RecordMetadata published = KAFKA.publish(Topics.DOWNLOAD, event);

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(id);
        assertThat(stage.deliveries(id)).hasSize(4);
        assertThat(deadLetter.value()).as("the bytes as received").isEqualTo(CODEC.encode(event));
        assertThat(header(deadLetter, FailureHeaders.STAGE)).isEqualTo("download");
        assertThat(header(deadLetter, FailureHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.DOWNLOAD);
        assertThat(header(deadLetter, FailureHeaders.ORIGINAL_PARTITION))
                .isEqualTo(Integer.toString(published.partition()));
        assertThat(header(deadLetter, FailureHeaders.ORIGINAL_OFFSET)).isEqualTo(Long.toString(published.offset()));
        assertThat(Instant.parse(header(deadLetter, FailureHeaders.ORIGINAL_TIMESTAMP)))
                .isEqualTo(Instant.ofEpochMilli(published.timestamp()));
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_CLASS)).isEqualTo(TransientException.class.getName());
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_MESSAGE)).isEqualTo("image host answered 503");
        assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(header(deadLetter, FailureHeaders.GENERATION_ID)).isEqualTo(id.toString());
        assertThat(Instant.parse(header(deadLetter, FailureHeaders.FIRST_FAILURE)))
                .isBefore(Instant.parse(header(deadLetter, FailureHeaders.LAST_FAILURE)));
        assertThat(header(deadLetter, FailureHeaders.DUE_AT)).isNull();
        assertThat(header(deadLetter, FailureHeaders.TERMINAL)).isNull();
        assertThat(header(deadLetter, FailureHeaders.PARKED)).isNull();
        assertThat(header(deadLetter, "pp-type")).isEqualTo("ImagesGenerated");
        assertThat(deadLetter.headers()).allSatisfy(h -> assertThat(h.key()).doesNotStartWith("kafka_dlt"));

        DeadLettered announced = await().atMost(PATIENCE)
                .until(() -> TOPICS.events(Topics.LIFECYCLE, id.toString(), DeadLettered.class), e -> e.size() == 1)
                .get(0);
        assertThat(announced.attempts()).isEqualTo(4);
        assertThat(announced.deadLetterTopic()).isEqualTo(DEAD_LETTERS);
        assertThat(announced.errorClass()).isEqualTo("TransientException");
        assertThat(TOPICS.events(Topics.LIFECYCLE, id.toString(), GenerationFailed.class))
                .as("parked for ops, not failed")
                .isEmpty();
        assertThat(TOPICS.events(Topics.LIFECYCLE, id.toString(), RetryScheduled.class))
                .hasSize(3);
        assertThat(deadLetterCount("TransientException")).isEqualTo(deadLettersBefore + 1);
        assertThat(stage.processed()).doesNotContain(id);
    }

    @Test
    void aPermanentFailureFailsTheGenerationAndIsDeadLetteredAtOnceMarkedTerminal() {
        UUID id = UUID.randomUUID();
        stage.failAlways(id, () -> new NonRetryableException("GET http://provider answered 404"));

        KAFKA.publish(Topics.DOWNLOAD, FakeStage.images(id));

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(id);
        assertThat(stage.deliveries(id)).hasSize(1);
        assertThat(header(deadLetter, FailureHeaders.TERMINAL)).isEqualTo("true");
        assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_CLASS)).isEqualTo(NonRetryableException.class.getName());
        GenerationFailed failed = TOPICS.events(Topics.LIFECYCLE, id.toString(), GenerationFailed.class)
                .get(0);
        assertThat(failed.stage()).isEqualTo(Stage.DOWNLOAD);
        assertThat(failed.errorClass()).isEqualTo("NonRetryableException");
        assertThat(failed.message()).isEqualTo("The generated image could not be fetched or stored safely.");
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_MESSAGE)).isEqualTo("GET http://provider answered 404");
        await().atMost(PATIENCE)
                .until(() -> TOPICS.events(Topics.LIFECYCLE, id.toString(), DeadLettered.class), e -> e.size() == 1);
        assertThat(TOPICS.events(Topics.LIFECYCLE, id.toString(), RetryScheduled.class))
                .isEmpty();
    }

    @Test
    void whatAProviderOrHostSaidNeverReachesClientsButStaysInTheDeadLetterHeaders() {
        UUID permanent = UUID.randomUUID();
        UUID transientThenParked = UUID.randomUUID();
        String secret = "sk-live-4f9a8b7c6d5e4f3a2b1c";
        String body = "GET http://10.1.2.3:8443/out.png answered 422: {\"detail\": \"token " + secret + " invalid\"}";
        stage.failAlways(permanent, () -> new NonRetryableException(body));
        stage.failAlways(
                transientThenParked,
                () -> new TransientException("image host answered 503: " + secret + " at internal-host", null, null));

        KAFKA.publish(Topics.DOWNLOAD, FakeStage.images(permanent));
        KAFKA.publish(Topics.DOWNLOAD, FakeStage.images(transientThenParked));

        ConsumerRecord<String, byte[]> failedRecord = awaitDeadLetter(permanent);
        ConsumerRecord<String, byte[]> parkedRecord = awaitDeadLetter(transientThenParked);
        assertThat(header(failedRecord, FailureHeaders.EXCEPTION_MESSAGE)).contains(secret, "10.1.2.3");
        assertThat(header(parkedRecord, FailureHeaders.EXCEPTION_MESSAGE)).contains(secret, "internal-host");
        GenerationFailed failed = TOPICS.events(Topics.LIFECYCLE, permanent.toString(), GenerationFailed.class)
                .get(0);
        assertThat(failed.message()).doesNotContain(secret, "10.1.2.3", "422", "http");
        List<RetryScheduled> retries =
                TOPICS.events(Topics.LIFECYCLE, transientThenParked.toString(), RetryScheduled.class);
        assertThat(retries)
                .hasSize(3)
                .allSatisfy(retry -> assertThat(retry.reason())
                        .isEqualTo("server_error: The image host answered with a server error."));
        for (UUID id : List.of(permanent, transientThenParked)) {
            DeadLettered announced = await().atMost(PATIENCE)
                    .until(() -> TOPICS.events(Topics.LIFECYCLE, id.toString(), DeadLettered.class), e -> !e.isEmpty())
                    .get(0);
            assertThat(announced.message()).doesNotContain(secret, "10.1.2.3", "internal-host");
        }
    }

    @Test
    void aPoisonRecordIsDeadLetteredOnFirstSightWhileTheNextGoodRecordOnItsPartitionCompletes() {
        UUID poison = UUID.randomUUID();
        UUID good = UUID.randomUUID();

        KAFKA.send(Topics.DOWNLOAD, 0, poison.toString(), "{not json".getBytes(StandardCharsets.UTF_8));
        KAFKA.send(Topics.DOWNLOAD, 0, good.toString(), CODEC.encode(FakeStage.images(good)));

        await().atMost(PATIENCE).until(() -> stage.timesProcessed(good) == 1);
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(poison);
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_CLASS)).isEqualTo(PoisonRecordException.class.getName());
        assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(deadLetter, FailureHeaders.TERMINAL)).isNull();
        assertThat(stage.deliveries(poison)).hasSize(1);
        DeadLettered announced = await().atMost(PATIENCE)
                .until(() -> TOPICS.events(Topics.LIFECYCLE, poison.toString(), DeadLettered.class), e -> !e.isEmpty())
                .get(0);
        assertThat(announced.errorClass()).isEqualTo("PoisonRecordException");
    }

    @Test
    void aRecordTooLargeToForwardWholeIsDeadLetteredWithItsBeginningAndItsSizeAndDoesNotBlockItsPartition() {
        UUID huge = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        byte[] value =
                ("{\"padding\": \"" + "x".repeat(EventCodec.MAX_RECORD_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

        KAFKA.send(Topics.DOWNLOAD, 1, huge.toString(), value);
        KAFKA.send(Topics.DOWNLOAD, 1, good.toString(), CODEC.encode(FakeStage.images(good)));

        await().atMost(PATIENCE).until(() -> stage.timesProcessed(good) == 1);
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(huge);
        assertThat(deadLetter.value()).isEqualTo(Arrays.copyOf(value, FailureHeaders.TRUNCATED_VALUE));
        assertThat(header(deadLetter, FailureHeaders.VALUE_TRUNCATED)).isEqualTo(Integer.toString(value.length));
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_CLASS)).isEqualTo(PoisonRecordException.class.getName());
    }

    @Test
    void aRetryAfterLongerThanTheBackoffGoesToTheFirstTierThatCoversIt() {
        UUID id = UUID.randomUUID();
        stage.failNext(id, () -> unavailable(Duration.ofMillis(500)));

        KAFKA.publish(Topics.DOWNLOAD, FakeStage.images(id));

        await().atMost(PATIENCE).until(() -> stage.timesProcessed(id) == 1);
        Delivery retry = stage.deliveries(id).get(1);
        assertThat(retry.topic()).isEqualTo(Topics.retry(Topics.DOWNLOAD, 1));
        Instant failedAt = Instant.parse(retry.headers().get(FailureHeaders.LAST_FAILURE));
        assertThat(retry.at()).isAfterOrEqualTo(failedAt.plus(TIERS.get(1)));
        assertThat(TOPICS.events(Topics.LIFECYCLE, id.toString(), RetryScheduled.class))
                .singleElement()
                .satisfies(r -> assertThat(r.delay()).isEqualTo(TIERS.get(1)));
    }

    @Test
    void aWaitingRetryDoesNotBlockItsPartition() {
        UUID waiting = UUID.randomUUID();
        UUID behind = UUID.randomUUID();
        stage.failNext(waiting, () -> unavailable(Duration.ofMillis(900)));

        KAFKA.send(Topics.DOWNLOAD, 1, waiting.toString(), CODEC.encode(FakeStage.images(waiting)));
        await().atMost(PATIENCE).until(() -> !stage.deliveries(waiting).isEmpty());
        KAFKA.send(Topics.DOWNLOAD, 1, behind.toString(), CODEC.encode(FakeStage.images(behind)));

        await().atMost(PATIENCE).until(() -> stage.timesProcessed(waiting) == 1);
        Delivery retried = stage.deliveries(waiting).get(1);
        Delivery overtaking = stage.deliveries(behind).get(0);
        assertThat(overtaking.at())
                .as("the record behind the failed one was processed while the retry waited")
                .isBefore(Instant.parse(retried.headers().get(FailureHeaders.DUE_AT)));
        assertThat(stage.timesProcessed(behind)).isEqualTo(1);
    }

    @Test
    void aRecordOfATopicWithoutRetryTiersIsRetriedInPlaceThenDeadLettered(
            @Autowired @Qualifier("untieredStage") FakeStage untiered) {
        UUID id = UUID.randomUUID();
        untiered.failAlways(id, () -> unavailable(null));

        KAFKA.send(FakeStageApplication.UNTIERED, 0, id.toString(), CODEC.encode(FakeStage.images(id)));

        ConsumerRecord<String, byte[]> deadLetter = await().atMost(PATIENCE)
                .until(
                        () -> TOPICS.records(Topics.deadLetter(FakeStageApplication.UNTIERED), id.toString()),
                        r -> !r.isEmpty())
                .get(0);
        assertThat(untiered.deliveries(id)).extracting(Delivery::topic).containsOnly(FakeStageApplication.UNTIERED);
        assertThat(untiered.deliveries(id)).hasSize(3);
        assertThat(header(deadLetter, FailureHeaders.STAGE)).isEqualTo("untiered");
        assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("3");
        assertThat(TOPICS.events(Topics.LIFECYCLE, id.toString(), DeadLettered.class))
                .isEmpty();
    }

    @Test
    void aPoisonRecordInABatchIsDeadLetteredOnFirstSightAndTheRestOfTheBatchApplied(
            @Autowired @Qualifier("batchedStage") FakeStage batched) {
        UUID before = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        UUID after = UUID.randomUUID();

        KAFKA.send(FakeStageApplication.BATCHED, 0, before.toString(), CODEC.encode(FakeStage.images(before)));
        KAFKA.send(FakeStageApplication.BATCHED, 0, poison.toString(), "{not json".getBytes(StandardCharsets.UTF_8));
        KAFKA.send(FakeStageApplication.BATCHED, 0, after.toString(), CODEC.encode(FakeStage.images(after)));

        await().atMost(PATIENCE).until(() -> batched.timesProcessed(after) == 1);
        ConsumerRecord<String, byte[]> deadLetter = await().atMost(PATIENCE)
                .until(
                        () -> TOPICS.records(Topics.deadLetter(FakeStageApplication.BATCHED), poison.toString()),
                        r -> !r.isEmpty())
                .get(0);
        assertThat(batched.deliveries(poison)).as("never retried").hasSize(1);
        assertThat(batched.timesProcessed(before)).isEqualTo(1);
        assertThat(header(deadLetter, FailureHeaders.EXCEPTION_CLASS)).isEqualTo(PoisonRecordException.class.getName());
        assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("1");
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(UUID id) {
        return await().atMost(PATIENCE)
                .until(() -> TOPICS.records(DEAD_LETTERS, id.toString()), r -> !r.isEmpty())
                .get(0);
    }

    private double deadLetterCount(String errorClass) {
        var counter = meters.find(FailureRouter.DEAD_LETTERS)
                .tags("stage", "download", "error_class", errorClass)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    static TransientException unavailable(Duration retryAfter) {
        return new TransientException("image host answered 503", retryAfter, null);
    }
}
